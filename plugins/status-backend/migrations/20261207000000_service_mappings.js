// @ts-check

/**
 * PagerDuty services mapped to catalog entities in the portal, without
 * editing YAML. One service per entity; the catalog module of the status
 * layer adds each as the entity's `pagerduty.com/service-id` unless the
 * entity's own YAML names one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_service_mappings', table => {
    table.comment(
      'PagerDuty services mapped to catalog entities in the portal (the YAML annotation always wins)',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Full entity ref, lower-cased');
    table
      .string('account', 64)
      .notNullable()
      .comment('PagerDuty account name under status.pagerDuty.accounts');
    table
      .string('service_id', 32)
      .notNullable()
      .comment('PagerDuty service ID');
    table
      .string('created_by', 255)
      .notNullable()
      .comment('Who mapped it (user entity ref or service)');
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_service_mappings');
};
