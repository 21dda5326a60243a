import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** What the simulator needs to know of a Backstage catalog. */
export type CatalogSeed = {
  /**
   * Entities annotated with `pagerduty.com/service-id`, or with the
   * simulator-only {@link PAGERDUTY_UNREFERENCED_SERVICE_HINT}.
   */
  services: {
    serviceId: string;
    entityName: string;
    description: string;
    ownerGroup: string;
    /** Its `pagerduty.com/integration-key`, the routing key its Events API v2 integration gets. */
    integrationKey?: string;
    /** Days before now without seeded incidents ({@link PAGERDUTY_QUIET_DAYS_HINT}). */
    quietDays?: number;
  }[];
  groups: {
    name: string;
    title: string;
    members: { name: string; displayName: string; email: string }[];
  }[];
  /**
   * Edges of PagerDuty's service graph, by entity name: `dependent` needs
   * `supporting`. Read from `spec.dependsOn` (and `spec.consumesApis`, to
   * the APIs' providers) between entities that both name a PagerDuty service (PagerDuty's graph mostly mirrors what teams
   * recorded), plus the simulator-only annotation
   * {@link PAGERDUTY_DEPENDENCIES_HINT}: dependencies PagerDuty knows that
   * the catalog never recorded.
   */
  dependencies?: { dependent: string; supporting: string }[];
  /**
   * Business services the account has (none unless given), each supported
   * by the technical services of some entities (by name).
   */
  businessServices?: { name: string; supportedBy: string[] }[];
};

/**
 * A simulator-only annotation of the demo catalog: entity refs (comma
 * separated) of upstreams the simulated PagerDuty account's service graph
 * has for this entity although its `spec.dependsOn` does not list them.
 * Backstage ignores it; the status backend never reads it.
 */
export const PAGERDUTY_DEPENDENCIES_HINT = 'pagerduty-simulator/depends-on';

/**
 * A simulator-only annotation of the demo catalog: the id of a PagerDuty
 * service the simulated account has for this entity although the entity does
 * not reference it (no `pagerduty.com/service-id`), as on day one in a real
 * company. Backstage ignores it; the status backend never reads it.
 */
export const PAGERDUTY_UNREFERENCED_SERVICE_HINT =
  'pagerduty-simulator/service-id';

/**
 * A simulator-only annotation of the demo catalog: the number of days
 * before now in which the seeded history has no incident of this entity's
 * service (a quiet month), so what happens now stands out. Backstage
 * ignores it; the status backend never reads it.
 */
export const PAGERDUTY_QUIET_DAYS_HINT = 'pagerduty-simulator/quiet-days';

/** An entity as a catalog file writes it. */
export type RawEntity = {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
  };
  spec?: {
    owner?: string;
    members?: string[];
    memberOf?: string[];
    targets?: string[];
    dependsOn?: string[];
    consumesApis?: string[];
    providesApis?: string[];
    profile?: { displayName?: string; email?: string };
  };
};

const SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';

function readEntities(file: string, seen: Set<string>): RawEntity[] {
  const resolved = path.resolve(file);
  if (seen.has(resolved)) {
    return [];
  }
  seen.add(resolved);
  const documents = parseAllDocuments(fs.readFileSync(resolved, 'utf8'));
  const entities: RawEntity[] = [];
  for (const document of documents) {
    const entity = document.toJS() as RawEntity | null;
    if (!entity) continue;
    if (entity.kind === 'Location') {
      for (const target of entity.spec?.targets ?? []) {
        entities.push(
          ...readEntities(path.resolve(path.dirname(resolved), target), seen),
        );
      }
    } else {
      entities.push(entity);
    }
  }
  return entities;
}

function entityName(ref: string): string {
  // "group:default/platform" → "platform"
  return ref.replace(/^[^:]+:/, '').replace(/^[^/]+\//, '');
}

/**
 * Every entity the catalog files reachable from a Location file define,
 * Locations excepted, as written (for tests that need the demo organisation
 * itself).
 */
export function readCatalogEntities(entryFile: string): RawEntity[] {
  return readEntities(entryFile, new Set()).filter(
    e => e.kind && e.kind !== 'Location' && e.metadata?.name,
  );
}

/**
 * The refs (`kind:namespace/name`) of every entity the catalog files reachable
 * from a Location file define, Locations excepted: what a catalog that has
 * ingested them all holds.
 */
export function readCatalogEntityRefs(entryFile: string): string[] {
  return readEntities(entryFile, new Set())
    .filter(e => e.kind && e.metadata?.name)
    .map(
      e =>
        `${e.kind!.toLocaleLowerCase('en-US')}:${
          e.metadata!.namespace ?? 'default'
        }/${e.metadata!.name}`,
    );
}

/**
 * Reads the catalog files reachable from a Location file (or a single
 * entity file): every PagerDuty service named by an annotation, and the groups
 * that own them with their members.
 */
export function readCatalogSeed(entryFile: string): CatalogSeed {
  const entities = readEntities(entryFile, new Set());
  const users = new Map<
    string,
    { name: string; displayName: string; email: string; memberOf: string[] }
  >();
  for (const e of entities.filter(x => x.kind === 'User' && x.metadata?.name)) {
    const name = e.metadata!.name!;
    users.set(name, {
      name,
      displayName: e.spec?.profile?.displayName ?? name,
      email: e.spec?.profile?.email ?? `${name}@example.com`,
      memberOf: (e.spec?.memberOf ?? []).map(entityName),
    });
  }

  const services: CatalogSeed['services'] = [];
  for (const e of entities) {
    const annotations = e.metadata?.annotations ?? {};
    const serviceId = (
      annotations[SERVICE_ID_ANNOTATION] ??
      annotations[PAGERDUTY_UNREFERENCED_SERVICE_HINT]
    )?.trim();
    if (!serviceId || !e.metadata?.name) continue;
    services.push({
      serviceId,
      entityName: e.metadata.name,
      description: e.metadata.description ?? '',
      ownerGroup: entityName(e.spec?.owner ?? 'unowned'),
      integrationKey:
        annotations['pagerduty.com/integration-key']?.trim() || undefined,
      ...(Number(annotations[PAGERDUTY_QUIET_DAYS_HINT]) > 0
        ? { quietDays: Number(annotations[PAGERDUTY_QUIET_DAYS_HINT]) }
        : {}),
    });
  }

  const mapped = new Set(services.map(s => s.entityName));
  // an API a component consumes stands for the components providing it
  const providers = new Map<string, string[]>();
  for (const e of entities) {
    for (const api of (e.spec?.providesApis ?? []).map(entityName)) {
      providers.set(api, [
        ...(providers.get(api) ?? []),
        e.metadata?.name ?? '',
      ]);
    }
  }
  const dependencies: NonNullable<CatalogSeed['dependencies']> = [];
  for (const e of entities) {
    const dependent = e.metadata?.name;
    if (!dependent || !mapped.has(dependent)) continue;
    const hinted = (
      e.metadata?.annotations?.[PAGERDUTY_DEPENDENCIES_HINT] ?? ''
    )
      .split(',')
      .map(ref => ref.trim())
      .filter(Boolean);
    const upstreams = new Set([
      ...[...(e.spec?.dependsOn ?? []), ...hinted].map(entityName),
      ...(e.spec?.consumesApis ?? []).flatMap(
        api => providers.get(entityName(api)) ?? [],
      ),
    ]);
    for (const supporting of upstreams) {
      if (mapped.has(supporting) && supporting !== dependent) {
        dependencies.push({ dependent, supporting });
      }
    }
  }

  const groups: CatalogSeed['groups'] = [];
  for (const e of entities.filter(
    x => x.kind === 'Group' && x.metadata?.name,
  )) {
    const name = e.metadata!.name!;
    const memberNames = new Set((e.spec?.members ?? []).map(entityName));
    for (const user of users.values()) {
      if (user.memberOf.includes(name)) memberNames.add(user.name);
    }
    groups.push({
      name,
      title: e.metadata!.title ?? e.spec?.profile?.displayName ?? name,
      members: [...memberNames]
        .map(n => users.get(n))
        .filter((u): u is NonNullable<typeof u> => Boolean(u))
        .map(({ name: n, displayName, email }) => ({
          name: n,
          displayName,
          email,
        })),
    });
  }
  return { services, groups, dependencies };
}
