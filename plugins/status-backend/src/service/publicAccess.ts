import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What may be read without signing in: badges and feeds. */
export type PublicAccess = {
  /** Entities an admin made public in config (full refs, lower case). */
  entities: Set<string>;
  /** Signs per-entity tokens; without it no token opens anything. */
  tokenSecret?: string;
};

const MAX_TOKEN = 128;

/** `status.public` from config, checked. */
export function readPublicAccess(config: Config): PublicAccess {
  const section = config.getOptionalConfig('status.public');
  const entities = new Set<string>();
  for (const raw of section?.getOptionalStringArray('entities') ?? []) {
    try {
      entities.add(stringifyEntityRef(parseEntityRef(raw)).toLowerCase());
    } catch (error) {
      throw new InputError(
        `status.public.entities: "${raw}" is not an entity ref (kind:namespace/name)`,
        error,
      );
    }
  }
  const tokenSecret = section?.getOptionalString('tokenSecret');
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    throw new InputError(
      'status.public.tokenSecret must be at least 32 characters: tokens signed with a short secret can be guessed',
    );
  }
  return { entities, tokenSecret };
}

/**
 * The unguessable token that opens one entity's badge and feed: an HMAC of
 * its ref under the configured secret, so it needs no storage and changes
 * for every entity when the secret is rotated.
 */
export function publicToken(secret: string, entityRef: string): string {
  return createHmac('sha256', secret)
    .update(`status-public:${entityRef.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 43);
}

/** Whether an entity's badge and feed may be served: public in config, or the right token. */
export function isPublished(
  access: PublicAccess,
  entityRef: string,
  token: unknown,
): boolean {
  if (access.entities.has(entityRef.toLowerCase())) return true;
  if (
    !access.tokenSecret ||
    typeof token !== 'string' ||
    token.length === 0 ||
    token.length > MAX_TOKEN
  )
    return false;
  const expected = Buffer.from(publicToken(access.tokenSecret, entityRef));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
