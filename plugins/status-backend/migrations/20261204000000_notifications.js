// @ts-check

/**
 * Notifications: the upstream outages being told (one row per root cause,
 * with what each recipient was last sent, so a restart never repeats them),
 * what each user follows, and what each user may not read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_notification_episodes', table => {
    table.comment('Upstream outages being notified, one per root cause');
    table.string('root_ref', 255).primary().comment('The failing upstream');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('notified_at', { useTz: true }).nullable();
    table
      .text('sent')
      .notNullable()
      .comment(
        'JSON: { recipient ref: { fingerprint, link, rootName } } last sent',
      );
  });
  await knex.schema.createTable('status_subscriptions', table => {
    table.comment('Entities, systems and groups users follow');
    table.string('user_ref', 255).notNullable();
    table.string('target_ref', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['user_ref', 'target_ref']);
    table.index(['target_ref'], 'status_subscriptions_target_idx');
  });
  await knex.schema.createTable('status_user_views', table => {
    table.comment(
      'What the own credentials of each user could not read when last served: notifications never name it',
    );
    table.string('user_ref', 255).primary();
    table
      .text('hidden_refs')
      .notNullable()
      .comment('JSON: refs of the entities the user may not read');
    table.timestamp('seen_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_user_views');
  await knex.schema.dropTable('status_subscriptions');
  await knex.schema.dropTable('status_notification_episodes');
};
