export interface Config {
  /** Configuration of the status plugin. */
  status?: {
    /** Where entity health comes from in PagerDuty. */
    pagerDuty?: {
      /**
       * A PagerDuty REST API token (read-only is enough), sent as
       * `Authorization: Token token=<apiToken>`. Without it, no PagerDuty data
       * is synchronised.
       * @visibility secret
       */
      apiToken?: string;
      /**
       * Base URL of the PagerDuty REST API. Defaults to
       * `https://api.pagerduty.com`; the EU service region uses
       * `https://api.eu.pagerduty.com`, and the demo points it at the
       * bundled PagerDuty simulator.
       */
      apiBaseUrl?: string;
    };
  };
}
