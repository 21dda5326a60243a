// @ts-check

/**
 * Alerts change without being received again (a firing alert no tool re-sent
 * expires), and readers follow changes rather than re-reading every alert:
 * `changed_at` is the time of a row's last write, indexed for "what changed
 * since"; (source, state) is indexed for each source's firing count;
 * `tool_severity` keeps the tool's own word for the severity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_alerts', table => {
    table
      .timestamp('changed_at', { useTz: true })
      .nullable()
      .comment('When the row was last written (received, resolved, expired)');
    table
      .string('tool_severity', 64)
      .nullable()
      .comment("The tool's own severity word, e.g. Sev1, P2, CRITICAL");
  });
  await knex('status_alerts').update({ changed_at: knex.ref('received_at') });
  await knex.schema.alterTable('status_alerts', table => {
    table.index(['changed_at'], 'status_alerts_changed_at_idx');
    table.index(['source', 'state'], 'status_alerts_source_state_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('status_alerts', table => {
    table.dropIndex(['source', 'state'], 'status_alerts_source_state_idx');
    table.dropIndex(['changed_at'], 'status_alerts_changed_at_idx');
    table.dropColumn('changed_at');
    table.dropColumn('tool_severity');
  });
};
