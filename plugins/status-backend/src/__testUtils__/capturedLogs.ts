import {
  coreServices,
  createServiceFactory,
  RootLoggerService,
} from '@backstage/backend-plugin-api';

type LogMeta = Record<string, unknown>;

/** One line a logger was given: level, message and its fields (with a child's). */
export type CapturedLogLine = {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta: Record<string, unknown>;
};

/**
 * A root logger that keeps every line, children's included, so tests can
 * assert what reached the logs (and what did not, such as secrets).
 *
 * @internal
 */
export function captureLogs() {
  const lines: CapturedLogLine[] = [];
  const logger = (fields: LogMeta): RootLoggerService => {
    const write =
      (level: CapturedLogLine['level']) =>
      (message: string, meta?: Error | LogMeta) => {
        const extra =
          meta instanceof Error
            ? { error: `${meta.name}: ${meta.message}` }
            : meta ?? {};
        lines.push({ level, message, meta: { ...fields, ...extra } });
      };
    return {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      child: more => logger({ ...fields, ...more }),
    };
  };
  const root = logger({});
  return {
    lines,
    root,
    /** Every line and its fields as one text, to search for what must not be there. */
    text: () => lines.map(line => JSON.stringify(line)).join('\n'),
    /** Replaces the backend's root logger (and so every plugin's logger). */
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => root,
    }),
  };
}
