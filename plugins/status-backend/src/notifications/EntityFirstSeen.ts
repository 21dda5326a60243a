import { NotificationStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';

/**
 * When each catalog entity first appeared to the status layer, kept in the
 * store. A user's view ({@link UserViews}) lists what they could not read
 * when last served; an entity that appeared after that is in no view, and a
 * policy may hide it from them, so notifications treat it as hidden until
 * they are served again.
 *
 * @remarks
 * Entities already in the catalog when recording began count as known since
 * the epoch: a view recorded before then covered them. An entity that
 * leaves the catalog is forgotten, so one that comes back counts as new.
 */
export class EntityFirstSeen {
  private known?: Map<string, Date>;
  private generation?: number;

  constructor(
    private readonly options: {
      store: NotificationStore;
      /** When the engine does not say when its catalog was read. */
      now: () => Date;
    },
  ) {}

  /** Brings the record up to date with the engine's catalog; reads nothing when no entity came or went. */
  async update(engine: StatusEngine): Promise<void> {
    const generation = engine.catalogGeneration;
    if (this.known && generation === this.generation) return;
    const known =
      this.known ?? (await this.options.store.listEntitiesFirstSeen());
    // when the engine first held them: a view saved since then covers them
    const at =
      known.size === 0
        ? new Date(0)
        : engine.catalogGenerationAt ?? this.options.now();
    const current = new Set<string>();
    const appeared: string[] = [];
    for (const entity of engine.allEntities()) {
      current.add(entity.ref);
      if (!known.has(entity.ref)) appeared.push(entity.ref);
    }
    const left = [...known.keys()].filter(ref => !current.has(ref));
    if (appeared.length || left.length) {
      await this.options.store.updateEntitiesFirstSeen({ appeared, at, left });
      for (const ref of appeared) known.set(ref, at);
      for (const ref of left) known.delete(ref);
    }
    this.known = known;
    this.generation = generation;
  }

  /** The engine's catalog generation the first sightings are up to date with. */
  get upToGeneration(): number | undefined {
    return this.generation;
  }

  /** When an entity first appeared; undefined when it is not known (yet). */
  of(ref: string): Date | undefined {
    return this.known?.get(ref);
  }
}
