// @ts-check

/**
 * History views read transitions by time and retention prunes them by time:
 * `at` is indexed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_transitions', table => {
    table.index(['at'], 'status_transitions_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('status_transitions', table => {
    table.dropIndex(['at'], 'status_transitions_at_idx');
  });
};
