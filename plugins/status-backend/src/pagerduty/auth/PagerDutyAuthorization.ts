/**
 * How one request is authorised: `token` sends `Authorization: Token
 * token=…` (a REST API key), `bearer` sends `Authorization: Bearer …` (an
 * OAuth access token).
 *
 * @public
 */
export type PagerDutyCredentials = {
  token: string;
  tokenType: 'token' | 'bearer';
};

/**
 * Where a PagerDuty client's credentials come from: a static key or token
 * from config, or a Scoped OAuth app's tokens, obtained and renewed as they
 * expire.
 *
 * @public
 */
export interface PagerDutyAuthorization {
  /** The credentials for the next request; throws when none can be had. */
  credentials(signal?: AbortSignal): Promise<PagerDutyCredentials>;
  /**
   * PagerDuty answered 401 to `rejected`: whether sending once more with
   * new credentials may help (an OAuth token that expired or was revoked
   * early), after forgetting the rejected ones.
   */
  renewAfterUnauthorized(rejected: PagerDutyCredentials): boolean;
  /**
   * The scopes the credentials hold, or undefined when they are not scoped
   * (a REST API key reaches every endpoint its user may).
   */
  grantedScopes(signal?: AbortSignal): Promise<ReadonlySet<string> | undefined>;
}

/**
 * A REST API key or a ready-made token from config: never renewed, scopes
 * unknown (the endpoints say).
 *
 * @public
 */
export class StaticAuthorization implements PagerDutyAuthorization {
  constructor(private readonly static_: PagerDutyCredentials) {}

  async credentials(): Promise<PagerDutyCredentials> {
    return this.static_;
  }

  renewAfterUnauthorized(): boolean {
    return false;
  }

  async grantedScopes(): Promise<undefined> {
    return undefined;
  }
}
