import { parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  DISPLAY_LEVEL_LABELS,
  isRollupKind,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { StatusTransition } from '../database';
import { scrubSecretsFromUrl, SecretRedactor } from '../lib/redaction';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { isPublished, PublicAccess, publicToken } from './publicAccess';
import { atomFeed, badgeSvg, FeedEntry } from './publicFormats';
import {
  describeRollup,
  entityDisplayLevel,
  leafMembersOf,
  membersOf,
} from './rollup';
import {
  StatusRouteContext,
  toFullEntityRef,
  visibleEntityReader,
} from './visibleEntity';

/** A feed covers the last 30 days, at most 50 changes. */
const FEED_DAYS = 30;
const FEED_ENTRIES = 50;

/** A level's name, as the badge and the pages write it. */
const levelWord = (level: string) =>
  DISPLAY_LEVEL_LABELS[level as keyof typeof DISPLAY_LEVEL_LABELS] ?? level;

/**
 * `GET /public/badges/:kind/:namespace/:name.svg` and
 * `GET /public/feeds/:kind/:namespace/:name.atom`: an entity's status badge
 * and the Atom feed of its level changes (a System's, Domain's or Group's:
 * its members'), without signing in, only for entities an admin made public
 * in config (`status.public.entities`) or with the entity's token. Anything
 * else answers 404, exactly as an entity that does not exist. They name the
 * entity (and a roll-up's members) and levels only: upstreams are named
 * only when public themselves, incident titles never.
 *
 * `GET /entities/:kind/:namespace/:name/public-links` gives a status admin
 * the badge and feed paths of an entity they may read, with its token.
 */
export function addPublicRoutes(
  router: express.Router,
  options: StatusRouteContext & {
    /** Which entities are published, and the token secret. */
    publicAccess: PublicAccess;
    /** The portal's address, for feeds' links to the Status tab. */
    appBaseUrl?: string;
    /** Takes tokens out of URLs before the access log writes them. */
    redactor?: SecretRedactor;
    now?: () => Date;
  },
) {
  const { publicAccess: access, store } = options;
  const now = () => options.now?.() ?? new Date();
  // a token opens an entity's level: it stays out of the access log
  if (options.redactor)
    router.use('/public', scrubSecretsFromUrl(options.redactor));

  /** The published entity a route names, or a 404. */
  const publishedEntity = (req: express.Request, extension: string) => {
    const file = req.params.file;
    if (!file.endsWith(extension)) throw new NotFoundError('No such file');
    const name = file.slice(0, -extension.length);
    let ref: string;
    try {
      ref = toFullEntityRef(
        `${req.params.kind}:${req.params.namespace}/${name}`,
      );
    } catch {
      throw new NotFoundError('No such entity');
    }
    const engine = options.requireEngine();
    if (!isPublished(access, ref, req.query.token) || !engine.entity(ref))
      throw new NotFoundError('No such badge or feed');
    return { ref, engine };
  };

  /** What a published entity's badge and feed may name: it, and a roll-up's members. */
  const publishedView = (engine: StatusEngine, ref: string): CallerView => {
    const named = new Set([ref]);
    if (isRollupKind(parseEntityRef(ref).kind.toLocaleLowerCase('en-US'))) {
      for (const m of membersOf(engine, ref)) named.add(m.ref);
      for (const m of leafMembersOf(engine, ref, {
        has: () => true,
        admin: false,
      }))
        named.add(m.ref);
    }
    return {
      has: r => named.has(r) || access.entities.has(r.toLowerCase()),
      admin: false,
    };
  };

  router.get('/public/badges/:kind/:namespace/:file', async (req, res) => {
    const { ref, engine } = publishedEntity(req, '.svg');
    const entity = engine.entity(ref)!;
    // the same display rule as the pages: an inherited outage, not "not monitored"
    const level = isRollupKind(entity.kind.toLocaleLowerCase('en-US'))
      ? describeRollup({ ref, engine, view: publishedView(engine, ref) })
          .displayLevel
      : entityDisplayLevel(engine, ref);
    res
      .status(200)
      .type('image/svg+xml')
      .set('Cache-Control', 'max-age=60, public')
      .set('X-Content-Type-Options', 'nosniff')
      .send(badgeSvg({ name: entity.title ?? entity.name, level }));
  });

  router.get('/public/feeds/:kind/:namespace/:file', async (req, res) => {
    const { ref, engine } = publishedEntity(req, '.atom');
    const entity = engine.entity(ref)!;
    const view = publishedView(engine, ref);
    const since = new Date(now().getTime() - FEED_DAYS * 86_400_000);
    const refs = isRollupKind(entity.kind.toLocaleLowerCase('en-US'))
      ? leafMembersOf(engine, ref, view).map(m => m.ref)
      : [ref];
    const { byEntity } = await store.readHistories(refs, {
      since,
      limit: FEED_ENTRIES * 4,
    });
    const nameOf = (r: string) => engine.titleOf(r) ?? r;
    const entries: FeedEntry[] = [...byEntity.values()]
      .flat()
      .filter(t => t.at >= since && t.effectiveFrom !== t.effectiveTo)
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, FEED_ENTRIES)
      .map(t => ({
        id: `urn:status-layer:${t.entityRef}:${t.at.getTime()}`,
        at: t.at,
        title: `${nameOf(t.entityRef)}: ${levelWord(
          t.effectiveFrom,
        )} → ${levelWord(t.effectiveTo)}`,
        text: explainTransition(t, view, nameOf),
      }));
    const { kind, namespace, name } = parseEntityRef(ref);
    res
      .status(200)
      .type('application/atom+xml')
      .set('Cache-Control', 'max-age=60, public')
      .send(
        atomFeed({
          id: `urn:status-layer:${ref}`,
          title: `Status of ${nameOf(ref)}`,
          link: options.appBaseUrl
            ? `${
                options.appBaseUrl
              }/catalog/${namespace}/${kind.toLocaleLowerCase(
                'en-US',
              )}/${name}/status`
            : undefined,
          entries,
          now: now(),
        }),
      );
  });

  const visibleEntity = visibleEntityReader(options.httpAuth, options.access);
  router.get(
    '/entities/:kind/:namespace/:name/public-links',
    async (req, res) => {
      const { entityRef, view } = await visibleEntity(req);
      if (!view.admin)
        throw new NotAllowedError('Only status admins may see public links');
      const { kind, namespace, name } = parseEntityRef(entityRef);
      const path = `${kind.toLocaleLowerCase('en-US')}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}`;
      const isPublic = access.entities.has(entityRef.toLowerCase());
      const token =
        !isPublic && access.tokenSecret
          ? publicToken(access.tokenSecret, entityRef)
          : undefined;
      const query = token ? `?token=${token}` : '';
      res.json({
        public: isPublic,
        available: isPublic || Boolean(token),
        badgePath: `/public/badges/${path}.svg${query}`,
        feedPath: `/public/feeds/${path}.atom${query}`,
      });
    },
  );
}

/** Why a level changed, naming only what the feed may name. */
function explainTransition(
  t: StatusTransition,
  view: CallerView,
  nameOf: (ref: string) => string,
): string {
  const reason = (t.reason ?? {}) as {
    signals?: unknown[];
    rootCauses?: { root?: string; level?: string }[];
  };
  const parts: string[] = [];
  const signals = Array.isArray(reason.signals) ? reason.signals.length : 0;
  if (signals)
    parts.push(
      `${signals} incident${signals === 1 ? '' : 's'} or alert${
        signals === 1 ? '' : 's'
      } of its own`,
    );
  for (const cause of Array.isArray(reason.rootCauses)
    ? reason.rootCauses
    : []) {
    if (typeof cause?.root !== 'string') continue;
    parts.push(
      view.has(cause.root)
        ? `${nameOf(cause.root)} upstream (${levelWord(
            String(cause.level ?? ''),
          ).toLowerCase()})`
        : 'an upstream outage',
    );
  }
  const because = [...new Set(parts)];
  return because.length
    ? `${levelWord(t.effectiveTo)} because of ${because.join(' and ')}.`
    : `${levelWord(t.effectiveTo)}.`;
}
