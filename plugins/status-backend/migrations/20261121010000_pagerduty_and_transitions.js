// @ts-check

/**
 * PagerDuty data as last synchronised, the freshness of every source, and the
 * history of every entity's level changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_pd_services', table => {
    table.comment('PagerDuty services as last synchronised');
    table
      .string('account', 255)
      .notNullable()
      .comment('PagerDuty account key from config');
    table.string('id', 64).notNullable().comment('PagerDuty service ID');
    table.text('name').notNullable();
    table.text('html_url').nullable();
    table
      .string('status', 32)
      .nullable()
      .comment('active, warning, critical, maintenance, disabled');
    table.string('escalation_policy_id', 64).nullable();
    table.text('escalation_policy_name').nullable();
    table
      .text('teams')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of { id, name }');
    table.timestamp('synced_at', { useTz: true }).notNullable();
    table.primary(['account', 'id']);
  });

  await knex.schema.createTable('status_pd_incidents', table => {
    table.comment('PagerDuty incidents: open ones and recently resolved ones');
    table.string('account', 255).notNullable();
    table.string('id', 64).notNullable().comment('PagerDuty incident ID');
    table.integer('number').notNullable();
    table.text('title').notNullable();
    table.string('service_id', 64).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('triggered, acknowledged, resolved');
    table.string('urgency', 8).notNullable();
    table.string('priority', 32).nullable().comment('priority name, e.g. P1');
    table.text('html_url').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table
      .timestamp('changed_at', { useTz: true })
      .notNullable()
      .comment('last status change in PagerDuty');
    table
      .text('assignees')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of { id, name, email }');
    table.text('conference_url').nullable();
    table.text('conference_number').nullable();
    table.primary(['account', 'id']);
    table.index(['status'], 'status_pd_incidents_status_idx');
    table.index(['account', 'service_id'], 'status_pd_incidents_service_idx');
  });

  await knex.schema.createTable('status_pd_oncalls', table => {
    table.comment('Who is on call now, per escalation policy and level');
    table.string('account', 255).notNullable();
    table.string('escalation_policy_id', 64).notNullable();
    table.integer('level').notNullable();
    table.string('user_id', 64).notNullable();
    table.text('user_name').notNullable();
    table.text('user_email').nullable();
    table.timestamp('start', { useTz: true }).nullable();
    table.timestamp('end', { useTz: true }).nullable();
    table.primary(['account', 'escalation_policy_id', 'level', 'user_id']);
  });

  await knex.schema.createTable('status_sources', table => {
    table.comment('Freshness of every signal source');
    table.string('source', 255).primary().comment('e.g. pagerduty:default');
    table.timestamp('last_attempt_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.string('last_success_via', 16).nullable().comment('poll or webhook');
    table.text('last_error').nullable();
  });

  await knex.schema.createTable('status_transitions', table => {
    table.comment('Every change of an entity level, for history views');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('own_from', 32).nullable();
    table.string('own_to', 32).nullable();
    table.string('effective_from', 32).notNullable();
    table.string('effective_to', 32).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table
      .text('reason')
      .nullable()
      .comment('JSON: signals or root causes behind the new level');
    table.index(['entity_ref', 'at'], 'status_transitions_entity_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_transitions');
  await knex.schema.dropTable('status_sources');
  await knex.schema.dropTable('status_pd_oncalls');
  await knex.schema.dropTable('status_pd_incidents');
  await knex.schema.dropTable('status_pd_services');
};
