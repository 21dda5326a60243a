import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  isPagerDutyId,
  ServiceMapping,
} from '@status-layer/plugin-status-common';

/** How long the mappings are reused unless configured (30 s). */
export const DEFAULT_CACHE_MS = 30_000;

/** How long one read of the mappings may take before it counts as failed. */
const READ_TIMEOUT_MS = 5_000;

/** The mapping of a service to an entity, as the processor applies it. */
export type AppliedMapping = Pick<ServiceMapping, 'account' | 'serviceId'>;

/**
 * The PagerDuty service mappings of the status backend, read over HTTP as the
 * catalog plugin and reused for a short while, so that processing any number
 * of entities costs one request per period.
 *
 * @remarks
 * A read that fails keeps the last list read (none before the first success)
 * and is logged once until a read succeeds again; the next read is tried
 * after the same period, so a status backend that is down never slows or
 * fails the catalog's processing. {@link StatusServiceMappings.invalidate}
 * makes the next lookup read again (a mapping was just set or removed).
 *
 * @public
 */
export class StatusServiceMappings {
  private mappings = new Map<string, AppliedMapping>();
  private readAtMs: number | undefined;
  private stale = true;
  private failing = false;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      /** How long a list is reused, in milliseconds ({@link DEFAULT_CACHE_MS} by default). */
      cacheMs?: number;
      /** The clock the period is measured on (tests drive it). */
      nowMs?: () => number;
    },
  ) {}

  /** The mapping of an entity (a full entity ref, any case), if any. */
  async of(entityRef: string): Promise<AppliedMapping | undefined> {
    await this.current();
    return this.mappings.get(entityRef.toLocaleLowerCase('en-US'));
  }

  /** Reads the mappings again at the next lookup. */
  invalidate(): void {
    this.stale = true;
  }

  private nowMs() {
    return this.options.nowMs?.() ?? Date.now();
  }

  private async current(): Promise<void> {
    const fresh =
      !this.stale &&
      this.readAtMs !== undefined &&
      this.nowMs() - this.readAtMs < (this.options.cacheMs ?? DEFAULT_CACHE_MS);
    if (fresh) return;
    // concurrent lookups share one read
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    await this.reading;
  }

  private async read(): Promise<void> {
    const { discovery, auth, logger } = this.options;
    const startedAtMs = this.nowMs();
    // an invalidation during the read makes the next lookup read again
    this.stale = false;
    try {
      const baseUrl = await discovery.getBaseUrl('status');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'status',
      });
      const response = await fetch(`${baseUrl}/mappings`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(READ_TIMEOUT_MS),
      });
      if (!response.ok) {
        throw new Error(`the status backend answered HTTP ${response.status}`);
      }
      this.mappings = parseMappings(await response.json());
      if (this.failing) {
        logger.info(
          `Read ${this.mappings.size} PagerDuty service mappings from the status backend again`,
        );
      }
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        logger.warn(
          `Could not read the PagerDuty service mappings from the status backend; entities keep the ${this.mappings.size} mappings read before until it answers`,
          { error: String(error) },
        );
      }
      this.failing = true;
    } finally {
      this.readAtMs = startedAtMs;
    }
  }
}

/** The mappings of a `GET /mappings` answer by lower-case entity ref; malformed items are left out. */
function parseMappings(body: unknown): Map<string, AppliedMapping> {
  const items = (body as { items?: unknown })?.items;
  if (!Array.isArray(items)) {
    throw new Error('the status backend answered without a list of mappings');
  }
  const mappings = new Map<string, AppliedMapping>();
  for (const item of items as Partial<ServiceMapping>[]) {
    if (
      typeof item?.entityRef !== 'string' ||
      typeof item.account !== 'string' ||
      typeof item.serviceId !== 'string' ||
      !isPagerDutyId(item.serviceId)
    )
      continue;
    mappings.set(item.entityRef.toLocaleLowerCase('en-US'), {
      account: item.account,
      serviceId: item.serviceId,
    });
  }
  return mappings;
}
