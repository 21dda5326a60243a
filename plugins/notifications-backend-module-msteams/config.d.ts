export interface Config {
  notifications?: {
    processors?: {
      /**
       * Microsoft Teams: notifications posted to channels through Teams
       * workflow webhooks ("When a Teams webhook request is received"), as
       * Adaptive Cards.
       */
      msteams?: {
        /**
         * The channels' webhooks, by a name that routes and annotations use.
         * The URL carries its own signature: keep it in an environment
         * variable or a secret store.
         */
        webhooks?: {
          [name: string]: {
            /**
             * The workflow's HTTP POST URL.
             * @visibility secret
             */
            url: string;
          };
        };
        /**
         * Notifications of a topic posted to these webhooks (names above),
         * when addressed to a broadcast or to non-user entities.
         */
        topics?: Array<{
          /** The notification's topic, as its sender names it. */
          topic: string;
          webhooks: string[];
        }>;
        /** Broadcast notifications that no topic routes posted here. */
        broadcast?: string[];
        /**
         * Whether an entity's `teams.microsoft.com/workflow-webhook`
         * annotation may hold a webhook URL itself, rather than the name of
         * one configured above. Catalog annotations are readable by whoever
         * reads the entity: off keeps every URL in config. Default true.
         */
        annotationUrls?: boolean;
        /** The words of the card's fixed parts: `en` (default) or `ja`. */
        language?: 'en' | 'ja';
        /** Tries after a failed post, 0 to 10. Default 3. */
        retries?: number;
        /** The wait before the first retry, doubled for each next. Default 1000. */
        retryDelayMs?: number;
        /** How long one post may take. Default 10000. */
        timeoutMs?: number;
        /**
         * Cards waiting to be posted, at most; past it new cards are dropped
         * with a warning, so a Teams outage never grows the backend's memory.
         * Default 1000.
         */
        maxQueued?: number;
      };
    };
  };
}
