// @ts-check

/**
 * A part of the data a sync left out because a part it needs failed (the
 * alerts and notes of open incidents when the incidents could not be read):
 * `status_sources` gains `skipped_because`, the reason in plain words, so the
 * part shows as stale at once instead of fresh until its age turns it. The
 * next attempt to read the part clears it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_sources', table => {
    table
      .text('skipped_because')
      .nullable()
      .comment(
        'Why the last sync left this source out; null once it is attempted',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('status_sources', table => {
    table.dropColumn('skipped_because');
  });
};
