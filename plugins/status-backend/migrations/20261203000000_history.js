// @ts-check

/**
 * History views read an entity's transitions by time and retention prunes
 * them by time: `at` is indexed. `status_history_state` keeps small facts
 * about the history itself, such as since when levels have been observed
 * (before it, days have no data rather than a clean record).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_transitions', table => {
    table.index(['at'], 'status_transitions_at_idx');
  });
  await knex.schema.createTable('status_history_state', table => {
    table.comment('Facts about the recorded history, one row per key');
    table.string('key', 64).primary();
    table.text('value').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_history_state');
  await knex.schema.alterTable('status_transitions', table => {
    table.dropIndex(['at'], 'status_transitions_at_idx');
  });
};
