import { randomBytes, randomUUID } from 'node:crypto';

/**
 * A PagerDuty App with Scoped OAuth, as the simulated account knows it.
 *
 * @public
 */
export type SimulatedOAuthApp = {
  clientId: string;
  clientSecret: string;
  /** The scopes the app was given when registered, e.g. `incidents.read`. */
  scopes: string[];
};

/**
 * The simulated account's Scoped OAuth apps.
 *
 * @public
 */
export type SimulatedOAuthOptions = {
  /** The account's subdomain, as in `as_account-us.<subdomain>`; `meridian` by default. */
  subdomain?: string;
  /** The account's service region; `us` by default. */
  region?: 'us' | 'eu';
  apps: SimulatedOAuthApp[];
  /** Seconds a token lives; PagerDuty's documented 30 days (2,592,000) by default. */
  tokenLifetimeSeconds?: number;
};

type IssuedToken = {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
};

/** What the token endpoint answered: a token, or an RFC 6749 error. */
export type TokenAnswer =
  | {
      status: 200;
      body: {
        access_token: string;
        scope: string;
        token_type: 'bearer';
        expires_in: number;
      };
    }
  | {
      status: 400 | 401;
      body: { error: string; error_description: string };
    };

/** PagerDuty's documented lifetime of an app token: 30 days. */
const DEFAULT_LIFETIME_SECONDS = 2_592_000;

/**
 * The account's Scoped OAuth apps and the tokens issued to them, with
 * PagerDuty's rules: the client credentials grant only, a token only for the
 * account named by the `as_account-{region}.{subdomain}` scope, the scopes
 * issued being those asked for that the app has, tokens that expire, and a
 * revoked app whose tokens stop working at once.
 *
 * @public
 */
export class OAuthApps {
  private readonly apps = new Map<string, SimulatedOAuthApp>();
  private readonly revoked = new Set<string>();
  private readonly tokens = new Map<string, IssuedToken>();
  readonly subdomain: string;
  readonly region: 'us' | 'eu';
  private lifetimeSeconds: number;
  /** Tokens issued so far, for tests. */
  issued = 0;

  constructor(
    options: SimulatedOAuthOptions | undefined,
    private readonly now: () => Date,
  ) {
    this.subdomain = options?.subdomain ?? 'meridian';
    this.region = options?.region ?? 'us';
    this.lifetimeSeconds =
      options?.tokenLifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
    for (const app of options?.apps ?? []) this.register(app);
  }

  /** Registers (or replaces) an app. */
  register(app: SimulatedOAuthApp): void {
    this.apps.set(app.clientId, { ...app, scopes: [...app.scopes] });
    this.revoked.delete(app.clientId);
  }

  /** Changes the scopes an app has; tokens already issued keep theirs, as PagerDuty's do. */
  setScopes(clientId: string, scopes: string[]): void {
    const app = this.apps.get(clientId);
    if (!app) throw new Error(`No OAuth app ${clientId}`);
    app.scopes = [...scopes];
  }

  /** Revokes an app: its tokens stop working and it gets no new ones. */
  revoke(clientId: string): void {
    this.revoked.add(clientId);
    for (const [token, issued] of this.tokens) {
      if (issued.clientId === clientId) this.tokens.delete(token);
    }
  }

  /** Makes every token issued so far expire now (as time passing would). */
  expireAll(): void {
    for (const issued of this.tokens.values())
      issued.expiresAt = this.now().getTime();
  }

  /** Sets how long the next tokens live. */
  setTokenLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  /** The scopes of a valid token, or undefined for an unknown, expired or revoked one. */
  scopesOf(token: string): ReadonlySet<string> | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    if (issued.expiresAt <= this.now().getTime()) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued.scopes;
  }

  /** Answers a client credentials request, its form fields already validated. */
  exchange(form: Record<string, string>): TokenAnswer {
    const app = this.apps.get(form.client_id);
    if (
      !app ||
      this.revoked.has(app.clientId) ||
      !sameSecret(app.clientSecret, form.client_secret)
    ) {
      return oauthError(401, 'invalid_client', 'Client authentication failed');
    }
    const requested = form.scope.split(' ').filter(Boolean);
    const accountScope = `as_account-${this.region}.${this.subdomain}`;
    const accounts = requested.filter(s => s.startsWith('as_account-'));
    if (accounts.length !== 1 || accounts[0] !== accountScope) {
      return oauthError(
        400,
        'invalid_scope',
        `The app has no access to the account ${accounts.join(', ')}`,
      );
    }
    const granted = requested.filter(
      s => s !== accountScope && app.scopes.includes(s),
    );
    const accessToken = `pd${this.region}+_${randomBytes(6).toString(
      'hex',
    )}_${randomUUID()}`;
    this.tokens.set(accessToken, {
      clientId: app.clientId,
      scopes: new Set(granted),
      expiresAt: this.now().getTime() + this.lifetimeSeconds * 1000,
    });
    this.issued += 1;
    return {
      status: 200,
      body: {
        access_token: accessToken,
        scope: [accountScope, ...granted].join(' '),
        token_type: 'bearer',
        expires_in: this.lifetimeSeconds,
      },
    };
  }
}

function oauthError(
  status: 400 | 401,
  error: string,
  description: string,
): TokenAnswer {
  return { status, body: { error, error_description: description } };
}

/** Compares secrets in time independent of where they differ. */
function sameSecret(expected: string, given: string): boolean {
  let difference = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ (given.charCodeAt(i) || 0);
  }
  return difference === 0;
}
