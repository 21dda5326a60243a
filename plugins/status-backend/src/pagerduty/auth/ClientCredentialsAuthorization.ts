import { LoggerService } from '@backstage/backend-plugin-api';
import { PagerDutyRequestError, PagerDutyUnavailableError } from '../errors';
import {
  PagerDutyAuthorization,
  PagerDutyCredentials,
} from './PagerDutyAuthorization';

/** PagerDuty's token endpoint for Scoped OAuth apps, in both service regions. */
export const DEFAULT_PAGERDUTY_TOKEN_URL =
  'https://identity.pagerduty.com/oauth/token';

/**
 * A Scoped OAuth app's client credentials, as PagerDuty documents them
 * ("Obtaining an App OAuth Token").
 *
 * @public
 */
export type PagerDutyOAuthApp = {
  clientId: string;
  clientSecret: string;
  /** The account's subdomain: `acme` for acme.pagerduty.com. */
  subdomain: string;
  /** The account's service region. */
  region: 'us' | 'eu';
  /** `https://identity.pagerduty.com/oauth/token` unless configured (the demo's simulator). */
  tokenUrl?: string;
};

type HeldToken = {
  credentials: PagerDutyCredentials;
  scopes: ReadonlySet<string>;
  /** From this time on a new token is fetched before any request. */
  renewAt: number;
};

/** A refused or failed exchange is not tried again sooner than this. */
const RETRY_AFTER_FAILURE_MS = 30_000;
/** Renewal comes this share of a token's life before it ends, at most five minutes. */
const RENEW_SHARE = 0.1;
const RENEW_AT_MOST_MS = 5 * 60_000;

/**
 * Tokens of a Scoped OAuth app by the client credentials grant: one is
 * fetched when first needed, kept, fetched anew before it expires and once
 * after a 401 (revoked or expired early), never by two requests at a time.
 * A refused exchange (wrong secret, revoked app, unknown account) is an error
 * naming what to check, and is not tried again for 30 s, so a sync's parts
 * fail at once rather than each asking. Each token's granted scopes are
 * compared with those asked for, and a missing one is logged by name. Neither
 * the secret nor a token is ever logged; `onSecret` hands each token to the
 * log redactor.
 *
 * @public
 */
export class ClientCredentialsAuthorization implements PagerDutyAuthorization {
  private held?: HeldToken;
  private pending?: Promise<HeldToken>;
  private failure?: { error: Error; until: number };
  private readonly now: () => number;

  constructor(
    private readonly options: {
      app: PagerDutyOAuthApp;
      /** The scopes to ask for (the account scope is added). */
      scopes: readonly string[];
      logger: LoggerService;
      /** Told of each token, to redact it from logs. */
      onSecret?: (secret: string) => void;
      timeoutMs?: number;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  async credentials(signal?: AbortSignal): Promise<PagerDutyCredentials> {
    return (await this.token(signal)).credentials;
  }

  async grantedScopes(signal?: AbortSignal): Promise<ReadonlySet<string>> {
    return (await this.token(signal)).scopes;
  }

  renewAfterUnauthorized(rejected: PagerDutyCredentials): boolean {
    if (this.held?.credentials.token === rejected.token) this.held = undefined;
    return true;
  }

  private async token(signal?: AbortSignal): Promise<HeldToken> {
    if (this.held && this.now() < this.held.renewAt) return this.held;
    if (this.failure && this.now() < this.failure.until)
      throw this.failure.error;
    this.pending ??= this.exchange(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async exchange(signal?: AbortSignal): Promise<HeldToken> {
    const { app, scopes } = this.options;
    const accountScope = `as_account-${app.region}.${app.subdomain}`;
    const tokenUrl = app.tokenUrl ?? DEFAULT_PAGERDUTY_TOKEN_URL;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const started = this.now();
    try {
      let response: Response;
      try {
        response = await fetch(tokenUrl, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
          },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: app.clientId,
            client_secret: app.clientSecret,
            scope: [accountScope, ...scopes].join(' '),
          }).toString(),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        throw new PagerDutyUnavailableError(
          `PagerDuty's token endpoint ${tokenUrl} did not answer (${
            timeout.aborted
              ? `no answer within ${this.options.timeoutMs ?? 10_000} ms`
              : (error as Error).message
          })`,
          1,
        );
      }
      const body: any = await response.json().catch(() => undefined);
      if (!response.ok) throw this.refusal(response.status, body, tokenUrl);
      if (
        typeof body?.access_token !== 'string' ||
        !(Number(body.expires_in) > 0)
      ) {
        throw new PagerDutyUnavailableError(
          `PagerDuty's token endpoint answered ${response.status} without a token and its lifetime`,
          1,
        );
      }
      this.options.onSecret?.(body.access_token);
      const granted = new Set<string>(
        String(body.scope ?? '')
          .split(' ')
          .filter(s => s && !s.startsWith('as_account-')),
      );
      const lifetimeMs = Number(body.expires_in) * 1000;
      this.held = {
        credentials: { token: body.access_token, tokenType: 'bearer' },
        scopes: granted,
        renewAt:
          started +
          lifetimeMs -
          Math.min(lifetimeMs * RENEW_SHARE, RENEW_AT_MOST_MS),
      };
      this.failure = undefined;
      const missing = scopes.filter(s => !granted.has(s));
      if (missing.length) {
        this.options.logger.warn(
          `The PagerDuty app ${app.clientId} was granted no ${missing
            .map(s => `\`${s}\``)
            .join(', ')}: what needs ${
            missing.length > 1 ? 'them' : 'it'
          } is shown as out of date (add the scope${
            missing.length > 1 ? 's' : ''
          } to the app in PagerDuty)`,
        );
      } else {
        this.options.logger.info(
          `PagerDuty app ${
            app.clientId
          } holds a token for ${accountScope} with every scope needed, valid ${Math.round(
            lifetimeMs / 3_600_000,
          )} h`,
        );
      }
      return this.held;
    } catch (error) {
      this.failure = {
        error: error as Error,
        until: this.now() + RETRY_AFTER_FAILURE_MS,
      };
      throw error;
    }
  }

  /** An error the SRE can act on, from RFC 6749's error codes. */
  private refusal(status: number, body: any, tokenUrl: string): Error {
    const code =
      typeof body?.error === 'string' ? body.error : `HTTP ${status}`;
    const { app } = this.options;
    const what: Record<string, string> = {
      invalid_client: `check status.pagerDuty.oauth.clientId and clientSecret, and that the app ${app.clientId} is not revoked`,
      invalid_scope: `check subdomain (${app.subdomain}) and region (${app.region}), and that the app is installed on that account`,
    };
    const message = `PagerDuty issued no OAuth token (${code}${
      typeof body?.error_description === 'string'
        ? `: ${body.error_description.slice(0, 200)}`
        : ''
    }); ${what[code] ?? `the token endpoint is ${tokenUrl}`}`;
    return status >= 500
      ? new PagerDutyUnavailableError(message, 1)
      : new PagerDutyRequestError(message, status);
  }
}
