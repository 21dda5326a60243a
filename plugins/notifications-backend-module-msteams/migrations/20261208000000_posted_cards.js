// @ts-check

/**
 * The cards posted to Teams per webhook and notification scope, so a
 * notification sent again in place posts a card only when it changed, on
 * any replica and after a restart.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('msteams_posted_cards', table => {
    table.comment('The last card posted per Teams webhook and scope');
    table
      .string('webhook_key', 64)
      .notNullable()
      .comment('a digest of the webhook URL, never the URL');
    table
      .string('scope_key', 64)
      .notNullable()
      .comment("a digest of the notification's scope");
    table.string('content', 64).notNullable().comment('a digest of the card');
    table.timestamp('posted_at', { useTz: true }).notNullable();
    table.primary(['webhook_key', 'scope_key']);
    table.index(['posted_at'], 'msteams_posted_cards_posted_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('msteams_posted_cards');
};
