// @ts-check

/**
 * PagerDuty's service graph: the dependencies between services as PagerDuty
 * knows them, and when each service's dependencies were last read (they are
 * read per service, a few per sync, least recently read first).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('status_service_dependencies', table => {
    table.comment(
      'Edges of the PagerDuty service graph: dependent needs supporting',
    );
    table.string('account', 255).notNullable();
    table.string('dependent_id', 64).notNullable();
    table.string('supporting_id', 64).notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .comment(
        'technical (two technical services) or business (a business service at one end)',
      );
    table.timestamp('read_at', { useTz: true }).notNullable();
    table.primary(['account', 'dependent_id', 'supporting_id']);
    table.index(
      ['account', 'supporting_id'],
      'status_service_deps_supporting_idx',
    );
  });
  await knex.schema.createTable('status_service_dependency_reads', table => {
    table.comment(
      'When the dependencies of each service were last read from PagerDuty',
    );
    table.string('account', 255).notNullable();
    table.string('service_id', 64).notNullable();
    table.string('kind', 16).notNullable().comment('technical or business');
    table.timestamp('read_at', { useTz: true }).notNullable();
    table.primary(['account', 'service_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('status_service_dependency_reads');
  await knex.schema.dropTable('status_service_dependencies');
};
