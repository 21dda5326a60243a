import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Warnings about refused requests, at most one per kind every interval (with
 * how many were left out), so a flood of bad requests cannot flood the log.
 */
export class ThrottledWarnings {
  readonly #last = new Map<string, { at: number; skipped: number }>();

  constructor(
    private readonly logger: LoggerService,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(kind: string, message: string): void {
    const now = this.now();
    const last = this.#last.get(kind);
    if (last && now - last.at < this.intervalMs) {
      last.skipped += 1;
      return;
    }
    const skipped = last?.skipped ?? 0;
    this.#last.set(kind, { at: now, skipped: 0 });
    // a key per kind of refusal: bound the map against made-up kinds
    if (this.#last.size > 1_000) this.#last.clear();
    this.logger.warn(
      skipped > 0
        ? `${message} (and ${skipped} more like it in the last ${Math.round(
            (now - (last?.at ?? now)) / 1000,
          )} s)`
        : message,
    );
  }
}

/** A value from a request, safe to write into a log line: printable and short. */
export function printable(value: unknown, max = 64): string {
  const text = String(value ?? '');
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
