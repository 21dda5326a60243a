export interface Config {
  catalog?: {
    processors?: {
      /** The status layer's catalog module (`@status-layer/plugin-catalog-backend-module-status`). */
      statusServiceMappings?: {
        /**
         * How long the PagerDuty service mappings read from the status
         * backend are reused, in seconds (30 by default): the catalog reads
         * them once per period whatever the number of entities. A mapping
         * set or removed in the portal is read again at once on the same
         * backend (through the events service); elsewhere it waits at most
         * this long.
         */
        cacheSeconds?: number;
      };
    };
  };
}
