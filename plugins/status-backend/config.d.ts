/** A PagerDuty Scoped OAuth app, whose tokens the backend obtains by the client credentials grant. */
interface PagerDutyOAuthApp {
  /** The app's client id (Integrations, App Registration, the app's OAuth client). */
  clientId: string;
  /**
   * The app's client secret.
   * @visibility secret
   */
  clientSecret: string;
  /** The account's subdomain: `acme` for acme.pagerduty.com. */
  subdomain: string;
  /** The account's service region, `us` (default) or `eu`; `eu` also changes the default `apiBaseUrl`. */
  region?: 'us' | 'eu';
  /** The token endpoint; `https://identity.pagerduty.com/oauth/token` by default. */
  tokenUrl?: string;
}

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
       * How `apiToken` is sent: `token` (a REST API key, the default:
       * `Authorization: Token token=…`) or `bearer` (an OAuth or scoped access
       * token: `Authorization: Bearer …`).
       */
      tokenType?: 'token' | 'bearer';
      /**
       * A Scoped OAuth app instead of `apiToken` (for security teams that
       * allow only those): the backend obtains its tokens by the client
       * credentials grant, renews them before they expire and once after a
       * 401, and compares the scopes granted with what each part of the sync
       * needs (a missing one shows that part out of date, naming the scope).
       * The scopes to give the app are listed in the README.
       */
      oauth?: PagerDutyOAuthApp;
      /**
       * Base URL of the PagerDuty REST API. Defaults to
       * `https://api.pagerduty.com`; the EU service region uses
       * `https://api.eu.pagerduty.com`, and the demo points it at the
       * bundled PagerDuty simulator.
       */
      apiBaseUrl?: string;
      /** Requests per minute the backend never exceeds (600 by default; PagerDuty allows 960). */
      requestsPerMinute?: number;
      /**
       * Base URL of PagerDuty's Events API v2, where problem reports go for
       * entities known only by `pagerduty.com/integration-key`. Defaults to
       * `https://events.pagerduty.com` (`https://events.eu.pagerduty.com` in
       * the EU region); the demo points it at the simulator.
       */
      eventsBaseUrl?: string;
      /** Seconds between two syncs (60 by default). Webhooks make changes visible sooner. */
      syncIntervalSeconds?: number;
      /**
       * Requests one sync of an account may send, every endpoint and retry
       * included (500 by default); what is left waits for the next sync.
       */
      maxRequestsPerSync?: number;
      /**
       * A part of the PagerDuty data (incidents, on-call, ...) turns stale
       * after this many failed syncs in a row (3 by default). A failure is
       * shown at once; levels resting on stale incidents become unknown.
       */
      staleAfterMissedSyncs?: number;
      /**
       * Signing secrets of the PagerDuty webhook subscriptions that send to
       * `/api/status/webhooks/pagerduty` for the default account; several
       * while one rotates.
       * @visibility secret
       */
      webhookSecrets?: string[];
      /** Let the backend create its webhook subscription at start-up. */
      webhookSubscription?: {
        /** Off by default; always on in demo mode. */
        enabled?: boolean;
        /**
         * The receiver's URL as PagerDuty reaches it, e.g.
         * https://backstage.example.com/api/status/webhooks/pagerduty; the
         * backend's external URL by default.
         */
        publicUrl?: string;
      };
      /**
       * Further PagerDuty accounts, by name (for example a region or an
       * acquired company). An entity picks one with the `pagerduty.com/account`
       * annotation; without it, it belongs to the account of `apiToken` above,
       * named `default`. Each account is synchronised with its own budget.
       */
      accounts?: {
        [name: string]: {
          /**
           * The account's REST API token (or set `oauth`).
           * @visibility secret
           */
          apiToken?: string;
          /** A Scoped OAuth app for this account, as `status.pagerDuty.oauth`. */
          oauth?: PagerDutyOAuthApp;
          /** Defaults to `status.pagerDuty.tokenType`, then `token`. */
          tokenType?: 'token' | 'bearer';
          /** Defaults to `status.pagerDuty.apiBaseUrl`, then `https://api.pagerduty.com`. */
          apiBaseUrl?: string;
          /** Defaults to `status.pagerDuty.requestsPerMinute`, then 600. */
          requestsPerMinute?: number;
          /** Defaults to `status.pagerDuty.eventsBaseUrl`, then PagerDuty's. */
          eventsBaseUrl?: string;
          /**
           * Signing secrets of this account's webhook subscriptions.
           * @visibility secret
           */
          webhookSecrets?: string[];
        };
      };
    };
    /**
     * How signals map to health levels, and what an ordinary dependency passes
     * on. Levels: operational, degraded, partial_outage, major_outage.
     */
    rules?: {
      incidents?: {
        /** Priorities that make an incident a major outage (default [P1]). */
        majorOutagePriorities?: string[];
        /** A high-urgency incident without priority (default major_outage). */
        highUrgencyWithoutPriority?: string;
        /** A high-urgency incident with another priority (default partial_outage). */
        highUrgency?: string;
        /** A low-urgency incident (default degraded). */
        lowUrgency?: string;
      };
      /** Monitoring alert severities (defaults: major_outage, partial_outage, degraded, operational). */
      alerts?: {
        critical?: string;
        error?: string;
        warning?: string;
        info?: string;
      };
      defaultDependency?: {
        /** Upstream levels that impact dependents (default [partial_outage, major_outage]). */
        propagates?: string[];
        /** The level dependents then get (default degraded). */
        as?: string;
      };
      maintenance?: {
        /**
         * Whether an entity under maintenance alarms its dependents: it then
         * passes on as this level (degraded, partial_outage or
         * major_outage) over its dependency edges. Default operational: it
         * never does.
         */
        passesOnAs?: string;
      };
    };
    /** The dependency graph beyond the catalog. */
    graph?: {
      /**
       * PagerDuty's service graph (technical and business service
       * dependencies, read a few services per sync). `suggest` (the default)
       * lists the dependencies PagerDuty knows that the catalog's dependsOn
       * lacks, and the reverse, at GET /coverage/dependencies, without
       * changing any level; `use` also passes impact over the edges only
       * PagerDuty knows, and every dependency path over one says it is known
       * from PagerDuty; `off` does not read it.
       */
      pagerDutyDependencies?: 'suggest' | 'use' | 'off';
    };
    /**
     * Encrypts the secrets the backend keeps in its database: the signing
     * secrets of the PagerDuty webhook subscriptions it creates (AES-256-GCM,
     * with a key derived from this value). Use a long random string, the same
     * on every replica. Without it, those secrets stay in memory only: other
     * replicas refuse the subscription's webhooks and a restart loses them.
     * @visibility secret
     */
    encryptionKey?: string;
    /** Monitoring alerts sent by tools to `/api/status/webhooks/<source>`. */
    alerts?: {
      /**
       * Firing alerts one source may keep (10,000 by default): past it, new
       * firing alerts are refused with 429 and the source shows a problem;
       * repeats and resolutions are always taken.
       */
      maxFiringPerSource?: number;
      /**
       * Webhook requests each source may send per minute (6,000 by
       * default), in bursts of as many; more are answered 429 with
       * Retry-After before any database work.
       */
      maxRequestsPerMinute?: number;
      /**
       * Per source (alertmanager, grafana, datadog, newrelic, azure,
       * statuscake, generic, or one a module adds): the shared secret it
       * must present. A source without a secret is refused, except in demo
       * mode (the PagerDuty simulator runs), where it accepts
       * `demo-<source>-secret`.
       */
      sources?: {
        [source: string]: {
          /**
           * Bearer token or `?token=` value (StatusCake: its `Token` field).
           * @visibility secret
           */
          secret?: string;
          /** This source's own cap on firing alerts. */
          maxFiring?: number;
          /** This source's own request budget per minute. */
          maxRequestsPerMinute?: number;
          /**
           * Minutes after which a firing alert the tool did not send again
           * is shown as stale (it may have ended). By default twice the
           * tool's resend interval for tools that resend (Alertmanager and
           * Grafana: 480); never for the others.
           */
          staleAfterMinutes?: number;
          /**
           * Minutes after which such an alert is resolved. By default six
           * times the resend interval (Alertmanager and Grafana: 1,440);
           * never for the others.
           */
          expireAfterMinutes?: number;
        };
      };
    };
    /**
     * Notifications through Backstage's notifications plugin (its bell, and
     * its email or Slack processors where installed): the owners and
     * followers of entities an upstream outage reaches are told once per root
     * cause, and again when it recovers.
     */
    /**
     * Service level objectives of entities without their own
     * `status.backstage.io/slo` annotation, and how maintenance counts.
     */
    objectives?: {
      /**
       * The first default whose conditions all hold gives an entity its
       * objective, e.g. `{ lifecycle: production, type: service, target: 99.9 }`.
       */
      defaults?: Array<{
        kind?: string;
        type?: string;
        lifecycle?: string;
        /** Percent of time up, above 0 and below 100. */
        target: number;
        /** 30 by default, at most 90. */
        windowDays?: number;
        /** Degraded time counts as downtime too (outages only by default). */
        degradedCounts?: boolean;
      }>;
      /** Time under maintenance: `excluded` from the window (default) or `counted` as downtime. */
      maintenance?: 'excluded' | 'counted';
      /**
       * Tell an entity's owners, once per burn, when its error budget burns
       * fast: at the last hour's pace it runs out within the window, and the
       * last day burnt faster than the objective allows. Needs
       * `status.notifications.enabled`. True by default.
       */
      burnNotifications?: boolean;
    };
    /**
     * PagerDuty status pages kept in step with entities: each service of a
     * page shows its entity's level as an impact (its own signals, or with
     * its upstreams when `inherited`), once held for `minDurationSeconds`,
     * through one incident post opened, updated and resolved by the status
     * layer. Only the entities listed here are ever published.
     */
    statusPages?: Array<{
      /** The PagerDuty account of the page (`default` by default). */
      account?: string;
      /** The page's name or ID. */
      page: string;
      /** Each service of the page (name or ID) and the entity it shows (a System shows the worst of its parts). */
      components: Array<{ entity: string; service: string }>;
      /** Publish the level with upstreams; off by default (own signals only). */
      inherited?: boolean;
      /** How long a level must hold before the page shows it (120 by default). */
      minDurationSeconds?: number;
      /** The least time between two writes to the page (30 by default). */
      minIntervalSeconds?: number;
      /**
       * The page's impact (by description) for each level; `under_maintenance`
       * is among the impacts of maintenance posts ("Under maintenance").
       */
      impacts?: {
        operational?: string;
        degraded?: string;
        partial_outage?: string;
        major_outage?: string;
        under_maintenance?: string;
      };
      /** The title of the incident posts it opens ("Service disruption"). */
      title?: string;
      /**
       * The title of the maintenance posts it opens while a service's entity
       * is under a PagerDuty maintenance window ("Scheduled maintenance").
       */
      maintenanceTitle?: string;
    }>;
    /**
     * Reporting a problem from an entity's status page: the report is added
     * to the entity's open PagerDuty incident as a note, or opens one (which
     * pages its on-call) as the reporter, matched to a PagerDuty user by
     * e-mail, else through the entity's `pagerduty.com/integration-key`.
     * Needs the `status.incident.create` permission, and a REST API key that
     * may write (a read-only key's refusal is shown to the reporter).
     */
    reports?: {
      /** On by default; `false` hides the action and refuses every report. */
      enabled?: boolean;
      /**
       * The urgencies a reporter may choose for a new incident, the default
       * first; `[low, high]` by default. `[low]` never pages at high urgency.
       */
      urgencies?: Array<'high' | 'low'>;
      /** Reports one user may send per hour, notes and incidents alike (5 by default). */
      maxPerUserPerHour?: number;
    };
    notifications?: {
      /** Sends notifications (false by default: turn on once the notifications backend is installed). */
      enabled?: boolean;
      /**
       * The level an upstream outage must pass to an entity before its owners
       * are told: degraded (the default), partial_outage or major_outage.
       */
      minLevel?: 'degraded' | 'partial_outage' | 'major_outage';
      /** Seconds an outage must last before anyone is told (120 by default), so flaps never are. */
      minDurationSeconds?: number;
      /**
       * Owners (full refs such as `group:default/marketing`) never told as
       * owners; a Group can also opt out itself with the annotation
       * `status.backstage.io/notifications: disabled`.
       */
      excludeOwners?: string[];
      /** How many entities, systems and groups one user may follow (200 by default). */
      maxSubscriptionsPerUser?: number;
      /**
       * Tells owning Groups too, once each, for their channels: a
       * notification processor (the Microsoft Teams module, Slack's) posts it
       * to the channel the Group's annotation names. Its text names only what
       * every member of the Group may read. False by default.
       */
      channels?: boolean;
    };
    /**
     * Status badges (SVG) and Atom feeds of level changes, readable without
     * signing in at `/api/status/public/badges/<kind>/<namespace>/<name>.svg`
     * and `/api/status/public/feeds/<kind>/<namespace>/<name>.atom`; every
     * other entity answers 404.
     */
    public?: {
      /**
       * Entities anyone may read the badge and feed of, as full refs (e.g.
       * `component:default/payments-api`). Making a System, Domain or Group
       * public publishes its members' names and levels in its feed.
       */
      entities?: string[];
      /**
       * Signs per-entity tokens (`?token=`) that open one entity's badge and
       * feed; status admins read them at
       * `/api/status/entities/<kind>/<namespace>/<name>/public-links`. At
       * least 32 characters; changing it revokes every token.
       * @visibility secret
       */
      tokenSecret?: string;
    };
    /** How long history that no page shows any more is kept. */
    retention?: {
      /** Days a resolved monitoring alert is kept (30 by default). */
      resolvedAlertsDays?: number;
      /** Days a processed PagerDuty webhook event is kept (7 by default). */
      webhookEventsDays?: number;
      /**
       * Days of level transitions kept for the history views (400 by
       * default); each entity's latest is kept whatever its age.
       */
      transitionsDays?: number;
      /**
       * Days of PagerDuty change events kept (90 by default, as long as
       * PagerDuty keeps them).
       */
      changeEventsDays?: number;
      /** Days of incident notes and status updates kept (90 by default). */
      incidentUpdatesDays?: number;
    };
    /** The zero-configuration demo. */
    demo?: {
      /**
       * Turns the demo on: without a PagerDuty token a simulator starts beside
       * the backend, and monitoring tools without a secret accept
       * `demo-<tool>-secret`. Honoured only when nobody else can reach the
       * backend: `backend.listen` on loopback (127.0.0.1, ::1, localhost) or
       * NODE_ENV=development (`yarn start`); otherwise refused with an error
       * in the log, and every source without its own secret stays off.
       */
      enabled?: boolean;
      /**
       * The PagerDuty simulator of the demo, so the portal shows data without
       * a PagerDuty account. The UI then says that its data is simulated.
       */
      simulator?: {
        /** No longer read: the demo runs with `status.demo.enabled`. */
        enabled?: boolean;
        /** Port of the simulator on 127.0.0.1; 7008 by default. */
        port?: number;
        /** Seed of the simulated account (teams, rotations, history); 42 by default. */
        seed?: number;
        /** A scenario shown from the start, held in its worst state, e.g. `auth-outage`. */
        scenario?: string;
        /** PagerDuty IDs named in the catalog that the simulated account lacks. */
        missingServiceIds?: string[];
        /**
         * The token the simulator accepts; `simulator-token` by default.
         * @visibility secret
         */
        apiToken?: string;
        /**
         * Sign in to the simulator as a Scoped OAuth app (client credentials,
         * its token endpoint at `/oauth/token`) instead of with `apiToken`.
         */
        oauth?: boolean;
      };
    };
  };
}
