import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';

/**
 * An auditor that writes its events to the logger, for parts built without
 * the auditor service (tests and benchmarks that build the parts directly);
 * the plugin always passes Backstage's own.
 */
export function loggingAuditor(logger: LoggerService): AuditorService {
  const audit = logger.child({ audit: true });
  return {
    async createEvent({ eventId, severityLevel, meta }) {
      return {
        async success(options) {
          audit.info(`${eventId} succeeded`, {
            severityLevel,
            ...meta,
            ...options?.meta,
          });
        },
        async fail({ error, meta: failMeta }) {
          audit.info(`${eventId} failed: ${error}`, {
            severityLevel,
            ...meta,
            ...failMeta,
          });
        },
      };
    },
  };
}
