import { Config } from '@backstage/config';
import { isIP } from 'node:net';

/**
 * Whether the demo runs: the PagerDuty simulator and the documented
 * `demo-<tool>-secret` webhook secrets.
 *
 * @public
 */
export type DemoMode =
  | { enabled: true; because: string }
  | {
      enabled: false;
      /** Set when the config asked for the demo and it was refused, saying why. */
      refusal?: string;
    };

/** The interface `backend.listen` binds, as the backend reads it; '' is every interface. */
export function listenHost(config: Config): string {
  const listen = config.getOptional('backend.listen');
  let host = '';
  if (typeof listen === 'string') {
    const at = listen.lastIndexOf(':');
    host = at >= 0 ? listen.slice(0, at) : '';
  } else if (listen && typeof listen === 'object') {
    host = config.getOptionalString('backend.listen.host') ?? '';
  }
  return host.trim().replace(/^\[(.*)\]$/, '$1');
}

/** Whether only this machine can reach an interface. */
export function isLoopback(host: string): boolean {
  const lower = host.toLocaleLowerCase('en-US');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return true;
  if (isIP(lower) === 4) return lower.startsWith('127.');
  if (isIP(lower) === 6) return lower === '::1' || /^::ffff:127\./.test(lower);
  return false;
}

/**
 * The demo is on only when `status.demo.enabled` is true *and* nobody else
 * can reach it: the backend listens on loopback, or runs in development
 * (`yarn start`). Anything else, e.g. a production build listening on every
 * interface with the embedded defaults, refuses it: otherwise anyone who read
 * the README could post alerts with the documented demo secrets.
 *
 * @public
 */
export function readDemoMode(
  config: Config,
  env: Record<string, string | undefined> = process.env,
): DemoMode {
  if (config.getOptionalBoolean('status.demo.enabled') !== true) {
    return { enabled: false };
  }
  const host = listenHost(config);
  if (isLoopback(host)) {
    return {
      enabled: true,
      because: `the backend listens on ${host} only`,
    };
  }
  if (env.NODE_ENV === 'development') {
    return { enabled: true, because: 'NODE_ENV is development' };
  }
  return {
    enabled: false,
    refusal: `status.demo.enabled is true, but the backend listens on ${
      host || 'every interface'
    } and NODE_ENV is ${
      env.NODE_ENV ?? 'unset'
    }: the demo's simulator and webhook secrets stay off. Run it with yarn start, or set backend.listen.host to 127.0.0.1`,
  };
}
