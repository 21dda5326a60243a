import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  STATUS_SIGNAL_CHANNEL,
  StatusSignal,
} from '@status-layer/plugin-status-common';
import { throttle } from '../lib/coalesce';

/** Past this many entity channels in one push, every page is told to read again. */
const MAX_ENTITY_CHANNELS = 200;

/**
 * Tells open browsers that statuses changed, through the signals plugin
 * (which reaches the browsers of every replica through the events service),
 * without naming any entity to anyone who may not read it: the shared channel
 * only says that something changed; each entity's own channel (whose name
 * only its readers learn) says that it did. The first change after a quiet
 * spell goes out as soon as the work in hand is done (a refresh's level
 * changes and the news that caused it become one message); those that
 * follow within a moment are gathered, so a burst is one more message per
 * channel.
 *
 * @internal
 */
export class LivePush {
  private refs = new Set<string>();
  private everything = false;
  /** Something changed that no entity's page shows (e.g. an unmapped service's incident). */
  private something = false;
  private readonly push: () => void;
  private pushScheduled = false;

  constructor(
    private readonly signals: SignalsService | undefined,
    private readonly logger: LoggerService,
    private readonly options: {
      /** The signals channel of an entity. */
      channelOf: (entityRef: string) => string;
      /** The entities whose pages show these ones (their impacted dependents). */
      shownBy?: (entityRef: string) => Iterable<string>;
      gatherMs?: number;
    },
  ) {
    // news after a quiet spell goes out at once; a burst is gathered
    this.push = throttle(() => this.flush(), options.gatherMs ?? 100);
  }

  /**
   * Announces that these entities changed; an empty list, that something
   * changed that only pages of many entities show; no list, that anything
   * may have.
   */
  changed(entityRefs?: Iterable<string>) {
    if (!this.signals) return;
    if (entityRefs) for (const ref of entityRefs) this.refs.add(ref);
    else this.everything = true;
    this.something = true;
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      this.push();
    });
  }

  private flush() {
    if (!this.something) return;
    this.something = false;
    const touched = new Set(this.refs);
    // past the bound every page reads again: no dependents are looked up
    for (const ref of this.refs) {
      if (this.everything || touched.size > MAX_ENTITY_CHANNELS) break;
      for (const shown of this.options.shownBy?.(ref) ?? []) touched.add(shown);
    }
    const all = this.everything || touched.size > MAX_ENTITY_CHANNELS;
    this.refs = new Set();
    this.everything = false;
    const at = new Date().toISOString();
    const publish = (channel: string, scope: StatusSignal['scope']) =>
      this.signals!.publish<StatusSignal>({
        recipients: { type: 'broadcast' },
        channel,
        message: { type: 'status-changed', at, scope },
      }).catch(error =>
        this.logger.warn(
          `Could not push a status change to browsers: ${error}`,
        ),
      );
    void publish(STATUS_SIGNAL_CHANNEL, all ? 'all' : 'some');
    if (all) return;
    for (const ref of touched)
      void publish(this.options.channelOf(ref), 'some');
  }
}
