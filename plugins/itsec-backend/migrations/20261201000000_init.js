/*
 * The itsec backend's tables.
 *
 * - itsec_results: the latest evaluation per entity (one row per entity,
 *   statuses packed one character per statement, filter columns indexed).
 * - itsec_entity_history: one row per entity per day, only on days its score
 *   or a status changed.
 * - itsec_summary_history: daily portfolio summary, and per-owner summaries
 *   on days they changed.
 * - itsec_attestations, itsec_exceptions: what people attest and approve.
 * - itsec_audit: append-only log of every write and every denied write
 *   (POL.ITSEC.019); a trigger refuses UPDATE and DELETE.
 * - itsec_meta, itsec_runs: cache generation, last full run, run ledger.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('itsec_results', table => {
    table.string('entity_ref', 255).primary();
    table.string('kind', 64).notNullable().index();
    table.string('title', 512).nullable();
    table.string('owner', 255).nullable().index();
    table.string('system', 255).nullable().index();
    table.string('domain', 255).nullable().index();
    table.string('classification', 32).nullable().index();
    table.boolean('sensitive').notNullable().defaultTo(false);
    table.integer('score').nullable();
    table.integer('gaps').notNullable().defaultTo(0);
    table.string('statuses', 1024).notNullable();
    table.string('policy_key', 255).notNullable();
    table.string('as_of', 10).notNullable();
    table.string('evaluated_at', 32).notNullable();
    table.text('profile').notNullable();
    table.string('hash', 64).notNullable();
  });

  await knex.schema.createTable('itsec_entity_history', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('day', 10).notNullable();
    table.integer('score').nullable();
    table.string('statuses', 1024).notNullable();
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'itsec_entity_history_day_idx');
  });

  await knex.schema.createTable('itsec_summary_history', table => {
    table.string('scope', 255).notNullable();
    table.string('day', 10).notNullable();
    table.integer('entities').notNullable();
    table.integer('score').nullable();
    table.string('counts', 255).notNullable();
    table.primary(['scope', 'day']);
  });

  await knex.schema.createTable('itsec_attestations', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.string('statement_id', 64).notNullable();
    table.text('evidence_link').notNullable();
    table.text('statement').notNullable();
    table.string('attested_by', 255).notNullable();
    table.string('attested_on', 10).notNullable();
    table.string('valid_until', 10).notNullable();
    table.string('created_at', 32).notNullable();
  });

  await knex.schema.createTable('itsec_exceptions', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.string('statement_id', 64).notNullable();
    table.text('justification').notNullable();
    table.text('compensating_controls').notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 32).notNullable();
    table.string('expires_on', 10).notNullable();
    table.string('state', 16).notNullable().index();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 32).nullable();
    table.text('decision_comment').nullable();
  });

  await knex.schema.createTable('itsec_audit', table => {
    table.bigIncrements('id').primary();
    table.string('at', 32).notNullable();
    table.string('actor', 255).notNullable().index();
    table.string('action', 64).notNullable();
    table.string('outcome', 16).notNullable();
    table.string('entity_ref', 255).nullable().index();
    table.string('subject_id', 64).nullable();
    table.text('before').nullable();
    table.text('after').nullable();
  });

  await knex.schema.createTable('itsec_meta', table => {
    table.string('key', 64).primary();
    table.text('value').notNullable();
  });

  await knex.schema.createTable('itsec_runs', table => {
    table.increments('id').primary();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).notNullable();
    table.string('as_of', 10).notNullable();
    table.integer('entities').notNullable();
    table.integer('written').notNullable();
    table.integer('removed').notNullable();
    table.integer('history_rows').notNullable();
  });

  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION itsec_audit_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'itsec_audit is append-only';
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER itsec_audit_append_only
      BEFORE UPDATE OR DELETE ON itsec_audit
      FOR EACH ROW EXECUTE FUNCTION itsec_audit_append_only()`);
  } else if (String(knex.client.config.client).includes('sqlite')) {
    await knex.raw(`
      CREATE TRIGGER itsec_audit_no_update BEFORE UPDATE ON itsec_audit
      BEGIN SELECT RAISE(ABORT, 'itsec_audit is append-only'); END`);
    await knex.raw(`
      CREATE TRIGGER itsec_audit_no_delete BEFORE DELETE ON itsec_audit
      BEGIN SELECT RAISE(ABORT, 'itsec_audit is append-only'); END`);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'DROP TRIGGER IF EXISTS itsec_audit_append_only ON itsec_audit',
    );
    await knex.raw('DROP FUNCTION IF EXISTS itsec_audit_append_only()');
  }
  await knex.schema.dropTable('itsec_runs');
  await knex.schema.dropTable('itsec_meta');
  await knex.schema.dropTable('itsec_audit');
  await knex.schema.dropTable('itsec_exceptions');
  await knex.schema.dropTable('itsec_attestations');
  await knex.schema.dropTable('itsec_summary_history');
  await knex.schema.dropTable('itsec_entity_history');
  await knex.schema.dropTable('itsec_results');
};
