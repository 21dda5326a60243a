// @ts-check

/**
 * PagerDuty webhook events as received, stored before they are processed so
 * that none is lost when processing fails or the backend restarts, and so that
 * a redelivered event is recognised.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_pd_webhook_events', table => {
    table.comment('PagerDuty v3 webhook events, stored first, processed after');
    table
      .string('id', 64)
      .primary()
      .comment('event.id, or X-Webhook-Id when the event has none');
    table.string('account', 255).notNullable();
    table.string('event_type', 64).notNullable();
    table.string('resource_id', 64).nullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.text('payload').notNullable().comment('The raw body');
    table.timestamp('processed_at', { useTz: true }).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table.index(
      ['processed_at', 'occurred_at'],
      'status_pd_events_pending_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_pd_webhook_events');
};
