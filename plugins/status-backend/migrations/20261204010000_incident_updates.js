// @ts-check

/**
 * Notes and status updates of PagerDuty incidents, read per incident and
 * pruned by time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_incident_updates', table => {
    table.comment('Notes and status updates of PagerDuty incidents');
    table.string('account', 255).notNullable();
    table.string('incident_id', 64).notNullable();
    table.string('kind', 16).notNullable().comment('note or status_update');
    table.string('id', 64).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('author', 255).nullable();
    table.text('message').notNullable();
    table.primary(['account', 'incident_id', 'kind', 'id']);
    table.index(['at'], 'status_incident_updates_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_incident_updates');
};
