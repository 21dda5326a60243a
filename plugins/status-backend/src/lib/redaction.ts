import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';

const REDACTED = '[redacted]';

/**
 * Credentials by their shape, wherever they appear in a line: query
 * parameters that carry secrets (Azure Monitor's `?token=`), Authorization
 * schemes (Bearer, PagerDuty's `Token token=`, Basic) and HMAC signatures
 * (PagerDuty's `v1=`, GitHub-style `sha256=`).
 */
const SHAPES: [RegExp, string][] = [
  [
    /([?&;](?:token|secret|api[_-]?key|key|signature|sig|password|access_token)=)[^&\s"'#]+/gi,
    `$1${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=:-]+/gi, `$1 ${REDACTED}`],
  [/\bToken\s+token=[^\s"',]+/gi, `Token token=${REDACTED}`],
  [/\b(v1|sha256)=[0-9a-f]{40,}/gi, `$1=${REDACTED}`],
];

/** Known secrets shorter than this are not searched for: they would blank ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes secrets from text before it reaches a log or an error: every
 * secret the backend knows (configured tokens and webhook secrets, secrets
 * of subscriptions it created) and anything shaped like a credential.
 */
export class SecretRedactor {
  readonly #known = new Set<string>();

  /** Adds secrets to look for; empty and very short values are ignored. */
  add(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      const value = secret?.trim();
      if (value && value.length >= MIN_SECRET_LENGTH) this.#known.add(value);
    }
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#known) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    for (const [shape, replacement] of SHAPES)
      result = result.replace(shape, replacement);
    return result;
  }

  #redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value instanceof Error) {
      const copy = new Error(this.redact(value.message));
      copy.name = value.name;
      if (value.stack) copy.stack = this.redact(value.stack);
      return copy;
    }
    if (value && typeof value === 'object') {
      const json = JSON.stringify(value);
      const redacted = this.redact(json);
      return redacted === json ? value : JSON.parse(redacted);
    }
    return value;
  }

  #redactMeta(meta?: Error | Record<string, unknown>) {
    if (meta === undefined) return undefined;
    if (meta instanceof Error) return this.#redactValue(meta) as Error;
    return Object.fromEntries(
      Object.entries(meta).map(([key, value]) => [
        key,
        this.#redactValue(value),
      ]),
    );
  }

  /** A logger (and its children) that redacts every line and field it writes. */
  logger(base: LoggerService): LoggerService {
    const line =
      (write: (message: string, meta?: any) => void) =>
      (message: string, meta?: Error | Record<string, unknown>) =>
        write(this.redact(String(message)), this.#redactMeta(meta));
    return {
      error: line(base.error.bind(base)),
      warn: line(base.warn.bind(base)),
      info: line(base.info.bind(base)),
      debug: line(base.debug.bind(base)),
      child: meta =>
        this.logger(base.child(this.#redactMeta(meta) as typeof meta)),
    };
  }
}

/**
 * Takes credentials out of the URL the backend's access log writes
 * (`req.originalUrl`, read when the response ends), e.g. Azure Monitor's
 * `?token=`. The query was parsed before this runs, so receivers still read
 * the token from `req.query`.
 */
export function scrubSecretsFromUrl(
  redactor: SecretRedactor,
): express.RequestHandler {
  return (req, _res, next) => {
    const url = req.originalUrl;
    if (url && url.includes('?')) {
      const at = url.indexOf('?');
      req.originalUrl =
        url.slice(0, at) +
        redactor.redact(`&${url.slice(at + 1)}`).replace(/^&/, '?');
    }
    next();
  };
}
