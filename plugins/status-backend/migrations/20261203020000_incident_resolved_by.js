// @ts-check

/**
 * Who resolved an incident, for the incidents shown as similar past ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.string('resolved_by', 255).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('status_pd_incidents', table => {
    table.dropColumn('resolved_by');
  });
};
