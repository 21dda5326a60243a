import {
  Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CRITICAL_DEPENDENCIES_ANNOTATION } from '../annotations';
import { readEntityStatusConfiguration } from '../configuration';
import { StatusConfigurationProblem } from '../types';
import { DependencyEdge } from './HealthGraph';

/**
 * The catalog relations an outage travels against, from a dependent to its
 * upstreams, as the catalog (and its graph) names them: `dependsOn`;
 * `consumesApi` to an API; `apiProvidedBy` from an API to what serves it.
 *
 * @public
 */
export const UPSTREAM_RELATIONS: readonly string[] = [
  RELATION_DEPENDS_ON,
  RELATION_CONSUMES_API,
  RELATION_API_PROVIDED_BY,
];

/**
 * The inverses of {@link UPSTREAM_RELATIONS}, the way an outage travels: from
 * an upstream to what depends on it, directly or through an API it provides
 * (`dependencyOf`, `providesApi`, `apiConsumedBy`).
 *
 * @public
 */
export const DOWNSTREAM_RELATIONS: readonly string[] = [
  RELATION_DEPENDENCY_OF,
  RELATION_PROVIDES_API,
  RELATION_API_CONSUMED_BY,
];

/**
 * The dependency edges of a catalog, and the problems found in the entities'
 * critical-dependency annotations.
 *
 * @public
 */
export type CatalogDependencies = {
  edges: DependencyEdge[];
  problems: Map<string, StatusConfigurationProblem[]>;
};

/**
 * Builds the dependency edges from catalog entities and their relations:
 * `dependsOn`; `consumesApi` to the API; and from an API to each of its
 * providers (always critical: an API is down when what serves it is). An edge
 * is critical when the dependent lists the upstream in
 * `status.backstage.io/critical-dependencies`.
 *
 * @public
 */
export function dependencyEdges(
  entities: Iterable<Entity>,
): CatalogDependencies {
  const edges: DependencyEdge[] = [];
  const problems = new Map<string, StatusConfigurationProblem[]>();
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity);
    const critical = new Set(
      readEntityStatusConfiguration(entity).criticalDependencies,
    );
    const upstreams = new Set<string>();
    for (const relation of entity.relations ?? []) {
      let critically: boolean;
      if (
        relation.type === RELATION_DEPENDS_ON ||
        relation.type === RELATION_CONSUMES_API
      ) {
        critically = critical.has(relation.targetRef);
      } else if (
        relation.type === RELATION_API_PROVIDED_BY &&
        entity.kind.toLocaleLowerCase('en-US') === 'api'
      ) {
        critically = true;
      } else {
        continue;
      }
      upstreams.add(relation.targetRef);
      edges.push({
        dependent: ref,
        upstream: relation.targetRef,
        critical: critically,
      });
    }
    const notUpstream = [...critical].filter(c => !upstreams.has(c));
    if (notUpstream.length) {
      problems.set(ref, [
        {
          annotation: CRITICAL_DEPENDENCIES_ANNOTATION,
          message: `${notUpstream.join(', ')} ${
            notUpstream.length === 1 ? 'is' : 'are'
          } listed as critical but ${
            notUpstream.length === 1
              ? 'is not a dependency'
              : 'are not dependencies'
          }: add ${
            notUpstream.length === 1 ? 'it' : 'them'
          } to spec.dependsOn or spec.consumesApis, or remove ${
            notUpstream.length === 1 ? 'it' : 'them'
          } from the annotation.`,
          code: 'criticalNotDependency',
          params: { items: notUpstream.join(', ') },
        },
      ]);
    }
  }
  return { edges, problems };
}
