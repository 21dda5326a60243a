import { LoggerService } from '@backstage/backend-plugin-api';

/** How often at most one source's outcome is written while it stays the same. */
const WRITE_EVERY_MS = 30_000;

type RecordAttempt = (
  source: string,
  attempt: { at: Date; ok: true } | { at: Date; ok: false; error: string },
) => Promise<void>;

/**
 * Keeps each alert source's last outcome in the freshness table (`alerts:<id>`):
 * when it last sent an alert, and why a webhook was refused, e.g. over its
 * cap. A change of outcome is written at once; the same outcome at most every
 * 30 s, so a stream of webhooks costs no write each.
 */
export class SourceAttempts {
  private readonly last = new Map<string, { ok: boolean; at: number }>();

  constructor(
    private readonly record: RecordAttempt | undefined,
    private readonly logger: LoggerService,
  ) {}

  succeeded(source: string, at: Date): Promise<void> {
    return this.write(source, { at, ok: true });
  }

  failed(source: string, at: Date, error: string): Promise<void> {
    return this.write(source, { at, ok: false, error });
  }

  private async write(
    source: string,
    attempt: { at: Date; ok: true } | { at: Date; ok: false; error: string },
  ) {
    if (!this.record) return;
    const last = this.last.get(source);
    const at = attempt.at.getTime();
    if (last && last.ok === attempt.ok && at - last.at < WRITE_EVERY_MS) return;
    this.last.set(source, { ok: attempt.ok, at });
    await this.record(`alerts:${source}`, attempt).catch(error =>
      this.logger.warn(
        `Could not record how the last ${source} webhook went: ${error}`,
      ),
    );
  }
}
