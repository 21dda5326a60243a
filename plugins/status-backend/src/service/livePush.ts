import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  STATUS_SIGNAL_CHANNEL,
  StatusSignal,
} from '@internal/plugin-status-common';

/**
 * Tells every open browser that the status changed, through the signals
 * plugin (which reaches the browsers of every replica through the events
 * service). Changes are gathered for a moment so a burst is one message.
 */
export class LivePush {
  private refs = new Set<string>();
  private everything = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly signals: SignalsService | undefined,
    private readonly logger: LoggerService,
    private readonly gatherMs = 100,
  ) {}

  /** Announces that these entities changed; no refs means "anything may have". */
  changed(entityRefs?: Iterable<string>) {
    if (!this.signals) return;
    if (entityRefs) for (const ref of entityRefs) this.refs.add(ref);
    else this.everything = true;
    this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
  }

  private flush() {
    this.timer = undefined;
    const message: StatusSignal = {
      type: 'status-changed',
      at: new Date().toISOString(),
      // a very large change is announced as "everything"
      entityRefs:
        this.everything || this.refs.size > 500 ? null : [...this.refs],
    };
    this.refs = new Set();
    this.everything = false;
    this.signals!.publish({
      recipients: { type: 'broadcast' },
      channel: STATUS_SIGNAL_CHANNEL,
      message,
    }).catch(error =>
      this.logger.warn(`Could not push a status change to browsers: ${error}`),
    );
  }
}
