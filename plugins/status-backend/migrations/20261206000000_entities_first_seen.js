// @ts-check

/**
 * When each catalog entity first appeared to the status layer, so that a
 * notification never names an entity newer than what its reader's own
 * credentials were last seen to read (`status_user_views.seen_at`): such an
 * entity might be one a policy hides from them. A row goes when its entity
 * leaves the catalog, so one that comes back counts as new.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_entities_first_seen', table => {
    table.comment(
      'When each catalog entity first appeared to the status layer (epoch for those already there when recording began)',
    );
    table.string('entity_ref', 255).primary();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_entities_first_seen');
};
