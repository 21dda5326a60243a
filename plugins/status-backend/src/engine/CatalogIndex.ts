import { EntitySummary } from '../catalog/catalogSnapshot';
import { addTo } from '../lib/addTo';
import { serviceKey } from './PagerDutyFacts';

/** An empty or half-processed catalog can look stable for a few seconds after the first read. */
const SETTLING_MS = 120_000;

/**
 * The catalog as the engine last read it: its entities by ref and by
 * PagerDuty service, and whether the set of refs is still changing.
 *
 * @internal
 */
export class CatalogIndex {
  private byRef = new Map<string, EntitySummary>();
  private byService = new Map<string, string[]>();
  private refsGeneration = 0;
  private refsGenerationAt?: Date;
  private sizes: number[] = [];
  private firstReadAt?: Date;

  constructor(private readonly now: () => Date) {}

  /** Takes a catalog read's entities in place of the last ones. */
  replace(entities: EntitySummary[]): void {
    const previous = this.byRef;
    this.byRef = new Map(entities.map(e => [e.ref, e]));
    if (
      previous.size !== this.byRef.size ||
      [...this.byRef.keys()].some(ref => !previous.has(ref))
    ) {
      this.refsGeneration += 1;
      this.refsGenerationAt = this.now();
    }
    this.sizes = [...this.sizes.slice(-1), this.byRef.size];
    this.firstReadAt ??= this.now();
    this.byService = new Map();
    for (const entity of entities) {
      for (const id of entity.pagerDutyServiceIds)
        addTo(
          this.byService,
          serviceKey(entity.pagerDutyAccount, id),
          entity.ref,
        );
    }
  }

  get(ref: string): EntitySummary | undefined {
    return this.byRef.get(ref);
  }

  values(): IterableIterator<EntitySummary> {
    return this.byRef.values();
  }

  get size(): number {
    return this.byRef.size;
  }

  /** The entities a PagerDuty service maps to, by its key (`serviceKey`). */
  entitiesOfServiceKey(key: string): string[] {
    return this.byService.get(key) ?? [];
  }

  /** The entities a PagerDuty service of an account maps to. */
  entitiesOfService(account: string, id: string): string[] {
    return this.entitiesOfServiceKey(serviceKey(account, id));
  }

  /** Counts the reads that added or removed an entity (not those that re-read the same ones). */
  get generation(): number {
    return this.refsGeneration;
  }

  /** When the read that made the current generation was done. */
  get generationAt(): Date | undefined {
    return this.refsGenerationAt;
  }

  /**
   * Whether the catalog may still be ingesting: for two minutes after the
   * first read, and after that until two reads in a row find as many entities.
   */
  get settling(): boolean {
    if (!this.firstReadAt) return true;
    if (this.now().getTime() - this.firstReadAt.getTime() < SETTLING_MS)
      return true;
    const [previous, last] = this.sizes.slice(-2);
    return previous === undefined || previous !== last;
  }
}
