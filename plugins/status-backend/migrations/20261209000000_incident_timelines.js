// @ts-check

/**
 * Incident timelines: PagerDuty's log entries of major incidents, when each
 * incident's log was last read (complete once read after it resolved), and
 * postmortem links set in the portal. Alerts are read by start time for a
 * timeline's window.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_incident_log_entries', table => {
    table.comment('Log entries of major PagerDuty incidents');
    table.string('account', 255).notNullable();
    table.string('incident_id', 64).notNullable();
    table.string('id', 64).notNullable();
    table.string('type', 64).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('agent', 255).nullable();
    table.text('summary').notNullable();
    table.text('note').nullable();
    table.primary(['account', 'incident_id', 'id']);
    table.index(['at'], 'status_incident_log_entries_at_idx');
  });
  await knex.schema.createTable('status_incident_log_reads', table => {
    table.comment('When the log of each major incident was last read');
    table.string('account', 255).notNullable();
    table.string('incident_id', 64).notNullable();
    table
      .timestamp('read_at', { useTz: true })
      .nullable()
      .comment('the last successful read');
    table
      .boolean('complete')
      .notNullable()
      .defaultTo(false)
      .comment('read after the incident resolved');
    table.text('error').nullable().comment('why the last read failed');
    table.timestamp('failed_at', { useTz: true }).nullable();
    table.primary(['account', 'incident_id']);
  });
  await knex.schema.createTable('status_incident_postmortems', table => {
    table.comment('Postmortem links set in the portal by owning teams');
    table.string('account', 255).notNullable();
    table.string('incident_id', 64).notNullable();
    table.text('url').notNullable();
    table.string('title', 255).nullable();
    table.string('set_by', 255).notNullable();
    table.timestamp('set_at', { useTz: true }).notNullable();
    table.primary(['account', 'incident_id']);
  });
  await knex.schema.alterTable('status_alerts', table => {
    table.index(['started_at'], 'status_alerts_started_at_idx');
  });
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.index(['created_at'], 'status_pd_incidents_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.dropIndex(['created_at'], 'status_pd_incidents_created_at_idx');
  });
  await knex.schema.alterTable('status_alerts', table => {
    table.dropIndex(['started_at'], 'status_alerts_started_at_idx');
  });
  await knex.schema.dropTable('status_incident_postmortems');
  await knex.schema.dropTable('status_incident_log_reads');
  await knex.schema.dropTable('status_incident_log_entries');
};
