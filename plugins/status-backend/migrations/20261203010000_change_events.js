// @ts-check

/**
 * PagerDuty change events (deploys, configuration changes), one row per
 * service they name, read by service and time and pruned by time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_change_events', table => {
    table.comment('PagerDuty change events, one row per service named');
    table.string('account', 255).notNullable();
    table.string('id', 64).notNullable().comment("PagerDuty's change event ID");
    table.string('service_id', 64).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('summary').notNullable();
    table.string('source', 255).nullable();
    table.text('links').notNullable().comment('JSON: [{ href, text }]');
    table.primary(['account', 'id', 'service_id']);
    table.index(
      ['account', 'service_id', 'at'],
      'status_change_events_service_idx',
    );
    table.index(['at'], 'status_change_events_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_change_events');
};
