import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { followCatalogChange } from './followCatalogChange';

const REF = 'component:default/music-playlist-service';

/** A catalog whose entity carries `serviceId` from its `applyAt`th read on. */
function processingCatalog(serviceId: string | undefined, applyAt: number) {
  let reads = 0;
  const catalog = {
    getEntityByRef: async (): Promise<Entity> => {
      reads += 1;
      const annotations: Record<string, string> =
        reads >= applyAt && serviceId
          ? { 'pagerduty.com/service-id': serviceId }
          : {};
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'music-playlist-service', annotations },
      };
    },
  } as Partial<CatalogService> as CatalogService;
  return { catalog, reads: () => reads };
}

describe('followCatalogChange', () => {
  const follow = (catalog: CatalogService, timeoutMs = 10_000) => {
    const refreshCatalog = jest.fn(async () => {});
    const run = followCatalogChange({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      refreshCatalog,
      intervalMs: 1,
      timeoutMs,
    });
    return { run, refreshCatalog };
  };

  it('has the engine read the catalog once the entity carries the mapped service', async () => {
    const { catalog, reads } = processingCatalog('PPLAYL5', 3);
    const { run, refreshCatalog } = follow(catalog);
    expect(await run(REF, 'PPLAYL5')).toBe(true);
    expect(reads()).toBe(3);
    expect(refreshCatalog).toHaveBeenCalledTimes(1);
  });

  it('after a removal, once the entity carries no service', async () => {
    const { catalog } = processingCatalog(undefined, 1);
    const { run, refreshCatalog } = follow(catalog);
    expect(await run(REF, undefined)).toBe(true);
    expect(refreshCatalog).toHaveBeenCalledTimes(1);
  });

  it('gives up quietly when the catalog never applies it: the scheduled read will', async () => {
    const { catalog } = processingCatalog('PPLAYL5', Number.MAX_SAFE_INTEGER);
    const { run, refreshCatalog } = follow(catalog, 20);
    expect(await run(REF, 'PPLAYL5')).toBe(false);
    expect(refreshCatalog).not.toHaveBeenCalled();
  });
});
