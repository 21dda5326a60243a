import { LoggerService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { StatusStore } from '../database';
import { Readable } from '../lib/readable';

/** A user's view as last served: what they may not read, and when. */
export type ServedView = { hidden: Set<string>; seenAt: Date } | undefined;

/** A view unchanged is stored again after this long, to keep `seenAt` honest. */
const RESAVE_AFTER_MS = 10 * 60_000;
/** Beyond this many hidden entities a view is not stored: the user is treated as never seen. */
const MAX_HIDDEN = 50_000;

/**
 * What each user may not read, as their own credentials showed the last time
 * the status API served them. Backstage lets a backend ask the permission
 * framework only on behalf of the caller of a request, so notifications,
 * which go out with no request, name only what this view allows; users never
 * served are told nothing by name and get a link to the status page, where
 * their own credentials decide.
 */
export class UserViews {
  private readonly saved = new Map<string, { print: string; at: number }>();

  constructor(
    private readonly options: {
      store: StatusStore;
      /**
       * Every entity ref the engine knows, so hidden ones are the rest, and
       * their generation, which changes when an entity comes or goes.
       */
      catalog: () => { refs: Iterable<string>; generation: number } | undefined;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Records what a user may read (called whenever the API reads a user's access). */
  async seen(userRef: string, readable: Readable): Promise<void> {
    const catalog = this.options.catalog();
    if (!catalog) return;
    const hidden: string[] = [];
    for (const ref of catalog.refs) if (!readable.has(ref)) hidden.push(ref);
    if (hidden.length > MAX_HIDDEN) return;
    hidden.sort();
    // a new entity is covered only by a view saved after it came: save again then
    const print = createHash('sha256')
      .update(`${catalog.generation}\n${hidden.join('\n')}`)
      .digest('base64url');
    const now = this.options.now?.() ?? new Date();
    const last = this.saved.get(userRef);
    if (last?.print === print && now.getTime() - last.at < RESAVE_AFTER_MS)
      return;
    try {
      await this.options.store.notifications.saveUserView({
        userRef,
        hiddenRefs: hidden,
        seenAt: now,
      });
      this.saved.set(userRef, { print, at: now.getTime() });
    } catch (error) {
      this.options.logger.warn(
        `Could not record what ${userRef} may read: ${error}`,
      );
    }
  }

  /**
   * Per user, the refs they may not read and when that was seen; undefined
   * for users never served. Entities that appeared after `seenAt` are in no
   * view: treat them as hidden ({@link EntityFirstSeen}).
   */
  async viewsOf(userRefs: string[]): Promise<Map<string, ServedView>> {
    const views = await this.options.store.notifications.getUserViews(userRefs);
    return new Map(
      userRefs.map(user => {
        const view = views.get(user);
        return [
          user,
          view
            ? { hidden: new Set(view.hiddenRefs), seenAt: view.seenAt }
            : undefined,
        ];
      }),
    );
  }
}
