/*
 * What the itsec backend has notified, so that each transition is notified
 * once, across evaluation runs and across backend instances.
 *
 * itsec_notifications: one row per notification (an outbox). The primary key
 * is the transition: entity + statement + kind + due date. A row is inserted
 * (INSERT ... ON CONFLICT DO NOTHING) before the notification is sent; only
 * the instance whose insert created the row sends it. The weekly digest uses
 * the same table with the digest group as entity_ref, statement_id '*', kind
 * 'digest-…' and the Monday of the week as due.
 *
 * state: 'pending' (claimed, being sent), 'sent', 'failed' (retried on later
 * runs until `attempts` reaches the limit), 'skipped' (nobody to notify).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('itsec_notifications', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('statement_id', 64).notNullable();
    table.string('kind', 32).notNullable();
    table.string('due', 10).notNullable();
    table.string('state', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('recipients').notNullable();
    table.text('payload').notNullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.primary(['entity_ref', 'statement_id', 'kind', 'due']);
    table.index(['state'], 'itsec_notifications_state_idx');
    table.index(['created_at'], 'itsec_notifications_created_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('itsec_notifications');
};
