// @ts-check

/**
 * Freshness per part of the data and per channel, and incidents that the poll
 * can correct after a webhook:
 *
 * - `status_sources` gains `failing_since` (when the current run of failed
 *   attempts began) and `consecutive_failures`, so a failure shows at once and
 *   data turns stale only after a configurable number of missed syncs.
 * - `status_pd_incidents` gains `observed_at`: when what is stored was true
 *   (a webhook event's `occurred_at`, or the moment a sync asked PagerDuty).
 *   A write replaces a row only when it was observed no earlier, so the poll
 *   corrects what a webhook left, and a late webhook never rolls back a newer
 *   poll.
 * - `priority` becomes text: PagerDuty's priority names are free text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_sources', table => {
    table
      .timestamp('failing_since', { useTz: true })
      .nullable()
      .comment('When the current run of failed attempts began');
    table
      .integer('consecutive_failures')
      .notNullable()
      .defaultTo(0)
      .comment('Failed attempts since the last success');
  });
  await knex.schema.alterTable('status_pd_incidents', table => {
    table
      .timestamp('observed_at', { useTz: true })
      .nullable()
      .comment('When the stored state was true in PagerDuty');
  });
  await knex('status_pd_incidents').update({
    observed_at: knex.ref('changed_at'),
  });
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.text('priority').nullable().alter();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.string('priority', 32).nullable().alter();
  });
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.dropColumn('observed_at');
  });
  await knex.schema.alterTable('status_sources', table => {
    table.dropColumn('failing_since');
    table.dropColumn('consecutive_failures');
  });
};
