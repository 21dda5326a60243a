// @ts-check

/**
 * The engine follows changes instead of re-reading every open incident on
 * each refresh: `stored_at` is the time of an incident row's last write
 * (sync, webhook or backfill), indexed for "what was written since".
 * Existing rows take the time they were last observed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_pd_incidents', table => {
    table
      .timestamp('stored_at', { useTz: true })
      .nullable()
      .comment('When the row was last written');
  });
  await knex('status_pd_incidents').update({
    stored_at: knex.raw('coalesce(observed_at, changed_at)'),
  });
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.index(['stored_at'], 'status_pd_incidents_stored_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.dropIndex(['stored_at'], 'status_pd_incidents_stored_at_idx');
    table.dropColumn('stored_at');
  });
};
