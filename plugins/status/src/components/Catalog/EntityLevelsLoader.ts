import {
  MAX_LEVELS_PER_REQUEST,
  StatusEntityLevels,
} from '@status-layer/plugin-status-common';
import { StatusApi } from '../../api';

/** The levels of one entity, or null when the reader may not see it or it has no status. */
export type LoadedLevel = StatusEntityLevels['levels'][number] | null;

type Waiting = {
  resolve: (level: LoadedLevel) => void;
  reject: (error: Error) => void;
};

/** How long an answer is reused: a catalog page re-rendering does not ask again. */
const MAX_AGE_MS = 30_000;

/**
 * Gathers the entities whose level the catalog's rows and graph nodes ask
 * for in the same moment, and asks the backend once per 200 of them, so a
 * page of 100 rows costs one request, not 100.
 */
export class EntityLevelsLoader {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly cache = new Map<
    string,
    { at: number; level: LoadedLevel }
  >();
  private scheduled = false;

  constructor(
    private readonly api: Pick<StatusApi, 'getLevels'>,
    private readonly now: () => number = Date.now,
  ) {}

  load(entityRef: string): Promise<LoadedLevel> {
    const cached = this.cache.get(entityRef);
    if (cached && this.now() - cached.at < MAX_AGE_MS) {
      return Promise.resolve(cached.level);
    }
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(entityRef) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(entityRef, list);
      if (!this.scheduled) {
        this.scheduled = true;
        // the rows of one render ask within the same task
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private async flush() {
    this.scheduled = false;
    const batch = new Map(this.waiting);
    this.waiting.clear();
    const refs = [...batch.keys()];
    for (let i = 0; i < refs.length; i += MAX_LEVELS_PER_REQUEST) {
      const chunk = refs.slice(i, i + MAX_LEVELS_PER_REQUEST);
      try {
        const answer = await this.api.getLevels(chunk);
        const byRef = new Map(answer.levels.map(l => [l.entityRef, l]));
        const at = this.now();
        for (const ref of chunk) {
          const level = byRef.get(ref) ?? null;
          this.cache.set(ref, { at, level });
          for (const w of batch.get(ref)!) w.resolve(level);
        }
      } catch (error) {
        for (const ref of chunk)
          for (const w of batch.get(ref)!) w.reject(error as Error);
      }
    }
  }
}

const loaders = new WeakMap<object, EntityLevelsLoader>();

/** One loader per status API, shared by every cell and node of the page. */
export function entityLevelsLoaderFor(
  api: Pick<StatusApi, 'getLevels'>,
): EntityLevelsLoader {
  let loader = loaders.get(api);
  if (!loader) {
    loader = new EntityLevelsLoader(api);
    loaders.set(api, loader);
  }
  return loader;
}
