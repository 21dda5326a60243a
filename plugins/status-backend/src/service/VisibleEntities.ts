import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { LRUCache } from 'lru-cache';

/** How long a caller's visible entities are reused (30 s by default). */
export const DEFAULT_VISIBILITY_TTL_MS = 30_000;

function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef)
    return `user:${principal.userEntityRef}`;
  if (principal.type === 'service' && principal.subject)
    return `service:${principal.subject}`;
  return undefined;
}

/**
 * Which entities a caller may read, asked of the catalog with the caller's own
 * credentials, so the catalog's permission rules decide. The answer is reused
 * for a short while per caller: at 10,000 entities reading every ref costs far
 * more than the status itself, and a page polls every few seconds. A change of
 * permissions therefore shows after at most the TTL.
 *
 * @internal
 */
export class VisibleEntities {
  private readonly cache: LRUCache<string, Set<string>, BackstageCredentials>;

  constructor(
    private readonly catalog: CatalogService,
    options: {
      ttlMs?: number;
      maxCallers?: number;
      /** The clock the TTL is measured on, in milliseconds (tests drive it). */
      nowMs?: () => number;
    } = {},
  ) {
    this.cache = new LRUCache({
      max: options.maxCallers ?? 1000,
      ttl: options.ttlMs ?? DEFAULT_VISIBILITY_TTL_MS,
      // lru-cache otherwise reuses a reading of the clock for 1 ms of real time
      ...(options.nowMs
        ? { perf: { now: options.nowMs }, ttlResolution: 0 }
        : {}),
      // concurrent requests of one caller share a single catalog read
      fetchMethod: (_key, _stale, { context }) => this.read(context),
    });
  }

  /** The full refs of every entity the caller may read. */
  async of(credentials: BackstageCredentials): Promise<Set<string>> {
    const key = principalKey(credentials);
    if (!key) return this.read(credentials);
    const refs = await this.cache.fetch(key, { context: credentials });
    return refs ?? this.read(credentials);
  }

  private async read(credentials: BackstageCredentials): Promise<Set<string>> {
    const { items } = await this.catalog.getEntities(
      { fields: ['kind', 'metadata.name', 'metadata.namespace'] },
      { credentials },
    );
    return new Set(items.map(e => stringifyEntityRef(e)));
  }
}
