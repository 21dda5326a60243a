// @ts-check

/**
 * Error budgets kept per entity (so lists and burn notifications read them
 * without reading each entity's history), and the burn episodes their
 * owners were told of, once each.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_objective_budgets', table => {
    table.comment('Each entity error budget as last computed');
    table.string('entity_ref', 255).primary().notNullable();
    table.text('summary').notNullable().comment('StatusBudgetSummary as JSON');
    table
      .string('burning', 16)
      .nullable()
      .comment('own or inherited while the budget burns fast');
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.index(['burning'], 'status_objective_budgets_burning_idx');
  });
  await knex.schema.createTable('status_budget_episodes', table => {
    table.comment('Fast burns of error budgets, told to owners once each');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('cause', 16).notNullable().comment('own or inherited');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table
      .timestamp('notified_at', { useTz: true })
      .nullable()
      .comment('when the owners were told; null until a send succeeded');
    table
      .text('told_unserved')
      .nullable()
      .comment(
        'JSON list of owners told without names, never served yet: told again by name once served',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_budget_episodes');
  await knex.schema.dropTable('status_objective_budgets');
};
