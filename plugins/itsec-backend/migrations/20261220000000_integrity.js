/*
 * Integrity of what people write through the API.
 *
 * - itsec_audit also refuses TRUNCATE on PostgreSQL (UPDATE and DELETE were
 *   already refused; SQLite has no TRUNCATE, and its DELETE trigger also
 *   stops an unqualified DELETE).
 * - itsec_audit_repeats: repeated denied attempts by one actor on one entity
 *   and action within one hour are counted on the first attempt's audit row
 *   instead of each adding a row. One row per such audit row; its count and
 *   last attempt only ever move forward (triggers refuse anything else).
 * - itsec_idempotency: the response to each POST made with an
 *   Idempotency-Key, per actor, so a retry returns the original record.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('itsec_audit_repeats', table => {
    table
      .bigInteger('audit_id')
      .primary()
      .references('id')
      .inTable('itsec_audit');
    table.string('actor', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('action', 64).notNullable();
    /** The hour of the first attempt, 'YYYY-MM-DDTHH'. */
    table.string('bucket', 13).notNullable();
    table.integer('attempts').notNullable();
    table.string('last_at', 32).notNullable();
    table.string('last_subject_id', 64).nullable();
    table.text('last_attempt').nullable();
    table.unique(['actor', 'entity_ref', 'action', 'bucket'], {
      indexName: 'itsec_audit_repeats_key',
    });
  });

  await knex.schema.createTable('itsec_idempotency', table => {
    table.string('actor', 255).notNullable();
    table.string('idempotency_key', 255).notNullable();
    table.string('operation', 64).notNullable();
    table.string('request_hash', 64).notNullable();
    table.integer('status').notNullable();
    table.text('response').notNullable();
    table.string('created_at', 32).notNullable();
    table.primary(['actor', 'idempotency_key']);
  });

  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE TRIGGER itsec_audit_no_truncate
      BEFORE TRUNCATE ON itsec_audit
      FOR EACH STATEMENT EXECUTE FUNCTION itsec_audit_append_only()`);
    await knex.raw(`
      CREATE FUNCTION itsec_audit_repeats_forward_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.attempts >= OLD.attempts
           AND NEW.last_at >= OLD.last_at
           AND NEW.audit_id = OLD.audit_id
           AND NEW.actor = OLD.actor
           AND NEW.entity_ref = OLD.entity_ref
           AND NEW.action = OLD.action
           AND NEW.bucket = OLD.bucket THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'itsec_audit_repeats only counts forward';
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER itsec_audit_repeats_forward_only
      BEFORE UPDATE OR DELETE ON itsec_audit_repeats
      FOR EACH ROW EXECUTE FUNCTION itsec_audit_repeats_forward_only()`);
    await knex.raw(`
      CREATE TRIGGER itsec_audit_repeats_no_truncate
      BEFORE TRUNCATE ON itsec_audit_repeats
      FOR EACH STATEMENT EXECUTE FUNCTION itsec_audit_append_only()`);
  } else if (String(knex.client.config.client).includes('sqlite')) {
    await knex.raw(`
      CREATE TRIGGER itsec_audit_repeats_forward_only
      BEFORE UPDATE ON itsec_audit_repeats
      WHEN NEW.attempts < OLD.attempts
        OR NEW.last_at < OLD.last_at
        OR NEW.audit_id IS NOT OLD.audit_id
        OR NEW.actor IS NOT OLD.actor
        OR NEW.entity_ref IS NOT OLD.entity_ref
        OR NEW.action IS NOT OLD.action
        OR NEW.bucket IS NOT OLD.bucket
      BEGIN SELECT RAISE(ABORT, 'itsec_audit_repeats only counts forward'); END`);
    await knex.raw(`
      CREATE TRIGGER itsec_audit_repeats_no_delete
      BEFORE DELETE ON itsec_audit_repeats
      BEGIN SELECT RAISE(ABORT, 'itsec_audit_repeats only counts forward'); END`);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'DROP TRIGGER IF EXISTS itsec_audit_no_truncate ON itsec_audit',
    );
    // Dropping the table drops its triggers; the function goes after.
    await knex.schema.dropTable('itsec_audit_repeats');
    await knex.raw(
      'DROP FUNCTION IF EXISTS itsec_audit_repeats_forward_only()',
    );
  } else {
    await knex.schema.dropTable('itsec_audit_repeats');
  }
  await knex.schema.dropTable('itsec_idempotency');
};
