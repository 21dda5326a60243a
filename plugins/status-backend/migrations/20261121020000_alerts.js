// @ts-check

/**
 * Monitoring alerts from every source, firing and resolved (kept for history),
 * one row per alert identified by its source's fingerprint.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_alerts', table => {
    table.comment('Monitoring alerts, upserted by (source, fingerprint)');
    table
      .string('source', 64)
      .notNullable()
      .comment('Alert source id, e.g. alertmanager');
    table
      .string('fingerprint', 255)
      .notNullable()
      .comment("The source's stable alert id (hashed when longer)");
    table.string('state', 16).notNullable().comment('firing or resolved');
    table
      .string('severity', 16)
      .notNullable()
      .comment('critical, error, warning or info');
    table.text('title').notNullable();
    table.text('description').nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.text('url').nullable();
    table
      .text('labels')
      .notNullable()
      .defaultTo('{}')
      .comment('JSON object of string labels or tags');
    table
      .text('targets')
      .nullable()
      .comment('JSON: resource IDs, GUIDs, names that can map to entities');
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.primary(['source', 'fingerprint']);
    table.index(['state'], 'status_alerts_state_idx');
    table.index(['ended_at'], 'status_alerts_ended_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_alerts');
};
