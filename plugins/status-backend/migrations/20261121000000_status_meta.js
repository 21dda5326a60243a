// @ts-check

/**
 * The first table of the status plugin: small key/value facts about the store
 * itself (schema creation time, last successful sync per source, ...).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_meta', table => {
    table.comment('Key/value facts about the status store');
    table
      .string('key', 255)
      .primary()
      .notNullable()
      .comment('Name of the fact');
    table.text('value').notNullable().comment('Value of the fact, as text');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When the value was last written');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_meta');
};
