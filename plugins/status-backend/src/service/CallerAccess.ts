import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { statusAdminPermission } from '@status-layer/plugin-status-common';
import { LRUCache } from 'lru-cache';
import { Readable } from '../lib/readable';

/** How long a caller's access is reused (5 s by default). */
export const DEFAULT_ACCESS_TTL_MS = 5_000;

/**
 * What one caller may see: the entities the catalog lets them read, and
 * whether they hold `status.admin`.
 *
 * @internal
 */
export type CallerView = {
  /** Whether the caller may read this entity (a full entity ref). */
  has(ref: string): boolean;
  /** Holds `status.admin`: may read error details and unmatched alerts. */
  admin: boolean;
  /**
   * Names exactly what the view lets read: two views with one key read the
   * same entities and are both admin or both not, so what is built for one
   * serves the other. Absent: nothing is shared.
   */
  key?: string;
};

type Access = { refs: Readable; admin: boolean; key: string };

/** An order-free digest of a set of refs: equal sets have equal digests. */
function digestOf(refs: Set<string>): string {
  let sum = 0;
  let xor = 0;
  for (const ref of refs) {
    // FNV-1a, 32 bits
    let h = 0x811c9dc5;
    for (let i = 0; i < ref.length; i++)
      h = Math.imul(h ^ ref.charCodeAt(i), 0x01000193);
    sum = (sum + h) | 0;
    xor ^= h;
  }
  return `${refs.size}:${sum >>> 0}:${xor >>> 0}`;
}

const sameRefs = (a: Set<string>, b: Set<string>) =>
  a.size === b.size && [...a].every(ref => b.has(ref));

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
 * credentials so that the catalog's permission rules decide, and whether the
 * caller holds `status.admin`, asked of the permission framework. The answer
 * is reused for a few seconds per caller (at 10,000 entities reading every
 * ref costs far more than the status itself, and a page polls), and dropped
 * whenever the catalog changes: a permission change shows within the TTL.
 *
 * @internal
 */
export class CallerAccess {
  private readonly cache: LRUCache<string, Access, BackstageCredentials>;
  /** Readable sets seen lately, by digest: callers who read the same share one key. */
  private readonly sets = new LRUCache<
    string,
    { refs: Set<string>; serial: number }[]
  >({ max: 256 });
  /** Never reused, so that two different sets never share a key, even after an eviction. */
  private serial = 0;

  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly options: {
      ttlMs?: number;
      maxCallers?: number;
      /** The clock the TTL is measured on, in milliseconds (tests drive it). */
      nowMs?: () => number;
      /**
       * The entities of the catalog as last read, once read: a caller the
       * catalog lets read everything may read those, without a read of
       * their own.
       */
      catalogRefs?: () => Readable | undefined;
      /** Told what a user may read each time it is read (for notifications, which have no caller). */
      onUserRead?: (userRef: string, readable: Readable) => Promise<void>;
    } = {},
  ) {
    this.cache = new LRUCache({
      max: options.maxCallers ?? 1000,
      ttl: options.ttlMs ?? DEFAULT_ACCESS_TTL_MS,
      // lru-cache otherwise reuses a reading of the clock for 1 ms of real time
      ...(options.nowMs
        ? { perf: { now: options.nowMs }, ttlResolution: 0 }
        : {}),
      // concurrent requests of one caller share a single read
      fetchMethod: (_key, _stale, { context }) => this.read(context),
    });
  }

  /** What the caller may see. */
  async of(credentials: BackstageCredentials): Promise<CallerView> {
    const key = principalKey(credentials);
    const access =
      (key && (await this.cache.fetch(key, { context: credentials }))) ||
      (await this.read(credentials));
    return {
      has: ref => access.refs.has(ref),
      admin: access.admin,
      key: access.key,
    };
  }

  /** Forgets every caller's access, e.g. because the catalog changed. */
  clear() {
    this.cache.clear();
    this.sets.clear();
  }

  /**
   * The key of a readable set: the same for equal sets (compared in full,
   * never by digest alone), different for different ones.
   */
  private keyOf(refs: Set<string>, admin: boolean): string {
    const digest = digestOf(refs);
    const known = this.sets.get(digest) ?? [];
    let found = known.find(k => sameRefs(k.refs, refs));
    if (!found) {
      found = { refs, serial: (this.serial += 1) };
      this.sets.set(digest, [...known, found]);
    }
    return `${admin ? 'admin' : 'reader'}:${found.serial}`;
  }

  /**
   * The catalog's decision on reading entities comes first: a caller it
   * lets read every entity (no conditions) reads the catalog as last read,
   * without a read of their own, which at 100,000 entities costs a second;
   * a conditional decision is resolved by reading the entities with the
   * caller's credentials.
   */
  private async read(credentials: BackstageCredentials): Promise<Access> {
    const [[entityRead], [adminDecision]] = await Promise.all([
      this.permissions.authorizeConditional(
        [{ permission: catalogEntityReadPermission }],
        { credentials },
      ),
      this.permissions.authorize([{ permission: statusAdminPermission }], {
        credentials,
      }),
    ]);
    const admin = adminDecision.result === AuthorizeResult.ALLOW;
    let access: Access;
    const catalogRefs = this.options.catalogRefs?.();
    if (entityRead.result === AuthorizeResult.ALLOW && catalogRefs) {
      access = {
        refs: catalogRefs,
        admin,
        key: `${admin ? 'admin' : 'reader'}:everything`,
      };
    } else {
      const refs =
        entityRead.result === AuthorizeResult.DENY
          ? new Set<string>()
          : await this.readableRefs(credentials);
      access = { refs, admin, key: this.keyOf(refs, admin) };
    }
    const principal = credentials.principal as { userEntityRef?: string };
    const { onUserRead } = this.options;
    const user = principal.userEntityRef;
    if (user && onUserRead) {
      // after the answer: comparing with every entity, or a slow database,
      // never slows the caller
      setImmediate(() => onUserRead(user, access.refs).catch(() => {}));
    }
    return access;
  }

  /** The refs the catalog returns to the caller, under its conditions. */
  private async readableRefs(
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const { items } = await this.catalog.getEntities(
      { fields: ['kind', 'metadata.name', 'metadata.namespace'] },
      { credentials },
    );
    return new Set(items.map(e => stringifyEntityRef(e)));
  }
}
