/*
 * Demo history (itsec.demo.buildHistory, development only): rows the backend
 * built by evaluating the demo catalog as of past days, told apart from the
 * history the scheduled evaluation records, so that the history API can say
 * so and the rows can be rebuilt without touching real history.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['itsec_entity_history', 'itsec_summary_history']) {
    await knex.schema.alterTable(table, t => {
      t.boolean('demo').notNullable().defaultTo(false);
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of ['itsec_entity_history', 'itsec_summary_history']) {
    await knex(table).where({ demo: true }).delete();
    await knex.schema.alterTable(table, t => {
      t.dropColumn('demo');
    });
  }
};
