import { CatalogIndexPage, CatalogTable } from '@backstage/plugin-catalog';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { EntityCatalogGraphCard } from '@backstage/plugin-catalog-graph';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import {
  createStatusCatalogColumn,
  renderStatusGraphNode,
} from '@status-layer/plugin-status';

/**
 * The catalog with a Status column in its table: the status where people
 * already browse.
 */
export const catalogWithStatus = catalogPlugin.withOverrides({
  extensions: [
    catalogPlugin.getExtension('page:catalog').override({
      params: {
        loader: async () => (
          <CatalogIndexPage
            pagination
            columns={context => [
              ...CatalogTable.defaultColumnsFunc(context),
              createStatusCatalogColumn(),
            ]}
          />
        ),
      },
    }),
  ],
});

/** The catalog graph's relations card with each node in its entity's level. */
export const catalogGraphWithStatus = catalogGraphPlugin.withOverrides({
  extensions: [
    catalogGraphPlugin
      .getExtension('entity-card:catalog-graph/relations')
      .override({
        params: {
          loader: async () => (
            <EntityCatalogGraphCard renderNode={renderStatusGraphNode} />
          ),
        },
      }),
  ],
});
