import { StoredService } from '../database';
import {
  ServiceDependencyKind,
  ServiceDependencyStore,
} from '../database/DatabaseServiceDependencyStore';
import { PagerDutyRequestError } from './errors';
import { isPagerDutyId } from './mapping';
import type { SyncContext } from './syncContext';

/**
 * Services whose dependencies one sync reads at most: PagerDuty answers them
 * one service per request, so an account of 2,000 services is read over 50
 * syncs, the ones read longest ago first, and a sync's budget stays for the
 * incidents.
 */
export const DEFAULT_DEPENDENCY_READS_PER_SYNC = 40;
/**
 * A service's dependencies are read again once this old, and the business
 * services listed again: the graph changes with architecture, not by the
 * minute, so a settled account costs no request at all between.
 */
export const DEPENDENCIES_REREAD_AFTER_MS = 6 * 3_600_000;
/** Relationships kept of one service's answer: PagerDuty does not page them. */
const MAX_RELATIONSHIPS = 500;
/** Pages of 100 business services one list reads at most (PagerDuty allows 5,000 per account). */
const MAX_BUSINESS_PAGES = 50;

/** What one read of the dependencies did. */
export type DependencyReadResult = {
  /** Services (technical and business) whose dependencies were read. */
  read: number;
  /** Whether the business services were listed (at most once every {@link DEPENDENCIES_REREAD_AFTER_MS}). */
  listedBusinessServices: boolean;
};

const businessListedKey = (account: string) =>
  `pagerduty:${account}:dependencies.business_listed_at`;

const isAbsent = (error: unknown) =>
  error instanceof PagerDutyRequestError &&
  (error.status === 403 || error.status === 404);

/** The edges of one answer that have the service read at an end, bounded. */
function edgesOf(relationships: unknown, serviceId: string) {
  if (!Array.isArray(relationships)) return [];
  return relationships
    .map((r: any) => ({
      dependentId: r?.dependent_service?.id,
      supportingId: r?.supporting_service?.id,
      kind: [r?.dependent_service?.type, r?.supporting_service?.type].some(
        type => String(type).startsWith('business_service'),
      )
        ? ('business' as const)
        : ('technical' as const),
    }))
    .filter(
      e =>
        isPagerDutyId(e.dependentId) &&
        isPagerDutyId(e.supportingId) &&
        (e.dependentId === serviceId || e.supportingId === serviceId),
    )
    .slice(0, MAX_RELATIONSHIPS);
}

/**
 * Reads PagerDuty's service graph a few services at a time: the business
 * services listed when last listed long enough ago (a 403 or 404 means the
 * account has none, not a failure), then the dependencies of at most
 * `perSync` services, technical and business together, never read or read
 * longest ago first, none read again before {@link DEPENDENCIES_REREAD_AFTER_MS}.
 * Each service's read is stored as it comes, so a sync cut short by its
 * budget keeps what it read and the next one resumes after it.
 * https://developer.pagerduty.com/api-reference/6ff8cd0bfa6b3-get-technical-service-dependencies
 */
export async function syncServiceDependencies(
  context: SyncContext,
  services: StoredService[],
  dependencies: ServiceDependencyStore,
  perSync: number = DEFAULT_DEPENDENCY_READS_PER_SYNC,
): Promise<DependencyReadResult> {
  const { account, client, store, request } = context;
  const now = context.now();
  const due = new Date(now.getTime() - DEPENDENCIES_REREAD_AFTER_MS);
  const listedAt = await store.getMeta(businessListedKey(account));
  const listBusiness = !listedAt || Date.parse(listedAt.value) < due.getTime();
  let business: string[];
  if (listBusiness) {
    business = await listBusinessServices(context);
    await dependencies.keepOnly(account, 'business', business);
    await store.setMeta(businessListedKey(account), now.toISOString());
  } else {
    business = (await dependencies.listRead(account))
      .filter(r => r.kind === 'business')
      .map(r => r.serviceId);
  }
  const technical = services.map(s => s.id);
  await dependencies.keepOnly(account, 'technical', technical);

  const kindOf = new Map<string, ServiceDependencyKind>([
    ...technical.map(id => [id, 'technical'] as const),
    ...business.map(id => [id, 'business'] as const),
  ]);
  const next = await dependencies.leastRecentlyRead(
    account,
    [...kindOf.keys()],
    perSync,
    due,
  );
  let read = 0;
  for (const id of next) {
    const kind = kindOf.get(id)!;
    let relationships: unknown = [];
    try {
      relationships = await client.get<unknown>(
        `/service_dependencies/${
          kind === 'technical' ? 'technical_services' : 'business_services'
        }/${encodeURIComponent(id)}`,
        {},
        'relationships',
        request,
      );
    } catch (error) {
      // deleted since the list: it has no dependencies left to know
      if (!(error instanceof PagerDutyRequestError && error.status === 404))
        throw error;
    }
    await dependencies.replaceFor(
      account,
      { id, kind },
      edgesOf(relationships, id),
      context.now(),
    );
    read += 1;
  }
  return { read, listedBusinessServices: listBusiness };
}

/** The account's business services; none when PagerDuty answers 403 or 404 (the account has no such feature). */
async function listBusinessServices(context: SyncContext): Promise<string[]> {
  try {
    return (
      await context.client.list<any>(
        '/business_services',
        {},
        'business_services',
        { ...context.request, maxPages: MAX_BUSINESS_PAGES },
      )
    )
      .map(b => b?.id)
      .filter(isPagerDutyId);
  } catch (error) {
    if (isAbsent(error)) return [];
    throw error;
  }
}
