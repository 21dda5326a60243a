import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';

const TABLE = 'msteams_posted_cards';
/**
 * The module's migrations are listed apart from the notifications backend's,
 * whose database it shares.
 */
const MIGRATIONS_TABLE = 'msteams_knex_migrations';
/** Cards are remembered this long: an update after that posts as new. */
export const REMEMBER_DAYS = 30;
/** Old rows are pruned after this many writes. */
const PRUNE_EVERY = 500;

const digest = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/**
 * The card last posted per webhook and notification scope, in the
 * notifications backend's database (PostgreSQL or SQLite), so every replica
 * and a restarted one know whether a notification sent again in place
 * changed. Scopes are kept as digests: they bound the key and say nothing.
 */
export class PostedCards {
  private writes = 0;

  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  static async create(options: {
    database: DatabaseService;
    now?: () => Date;
  }): Promise<PostedCards> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip)
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@status-layer/plugin-notifications-backend-module-msteams',
          'migrations',
        ),
        tableName: MIGRATIONS_TABLE,
      });
    const cards = new PostedCards(knex, options.now ?? (() => new Date()));
    await cards.prune();
    return cards;
  }

  /** The digest of the card last posted for this scope, if any. */
  async lastPosted(
    webhookKey: string,
    scope: string,
  ): Promise<string | undefined> {
    const row = await this.knex(TABLE)
      .where({ webhook_key: webhookKey, scope_key: digest(scope) })
      .first('content');
    return row?.content;
  }

  /** Records the card posted (or queued) for this scope. */
  async remember(webhookKey: string, scope: string, content: string) {
    await this.knex(TABLE)
      .insert({
        webhook_key: webhookKey,
        scope_key: digest(scope),
        content,
        posted_at: this.now(),
      })
      .onConflict(['webhook_key', 'scope_key'])
      .merge(['content', 'posted_at']);
    if (++this.writes % PRUNE_EVERY === 0) await this.prune();
  }

  /** Forgets a card that was not posted after all, unless a later one replaced it. */
  async forget(webhookKey: string, scope: string, content: string) {
    await this.knex(TABLE)
      .where({ webhook_key: webhookKey, scope_key: digest(scope), content })
      .delete();
  }

  private async prune() {
    const before = new Date(
      this.now().getTime() - REMEMBER_DAYS * 24 * 3_600_000,
    );
    await this.knex(TABLE).where('posted_at', '<', before).delete();
  }
}
