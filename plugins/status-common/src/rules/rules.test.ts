import { StatusSummaryEntity } from '../summary/api';
import { displayLevel, isMonitored } from '../health';
import {
  hasSummaryLevel,
  isRollupKind,
  matchesSummaryQuery,
  parsePageSearch,
  parseSummarySearch,
  toDate,
  toPageSearch,
  toSummarySearch,
} from '.';

const entity = (over: Partial<StatusSummaryEntity> = {}) =>
  ({
    entityRef: 'component:default/cart-api',
    kind: 'Component',
    name: 'cart-api',
    title: 'Shopping cart',
    owner: 'group:default/ecommerce',
    system: 'system:default/shop',
    effective: 'degraded',
    ...over,
  } as StatusSummaryEntity);

describe('pages', () => {
  const bounds = { defaultLimit: 50, maxLimit: 500 };

  it('read offset and limit, with the default limit when none is given', () => {
    expect(parsePageSearch({}, bounds)).toEqual({ offset: 0, limit: 50 });
    expect(
      parsePageSearch(
        Object.fromEntries(
          new URLSearchParams(toPageSearch({ offset: 100, limit: 0 })),
        ),
        bounds,
      ),
    ).toEqual({ offset: 100, limit: 0 });
  });

  it('refuse a limit over the bound, negatives, fractions and repeats', () => {
    expect(() => parsePageSearch({ limit: '501' }, bounds)).toThrow(
      'limit must be a whole number from 0 to 500',
    );
    for (const offset of ['-1', '1.5', 'x', ['1', '2']])
      expect(() => parsePageSearch({ offset }, bounds)).toThrow(
        'offset must be a whole number',
      );
  });
});

describe('summary queries', () => {
  it('survive the trip through the query string', () => {
    const query = {
      kind: ['Component', 'API'],
      owner: ['group:default/ecommerce'],
      level: ['major_outage' as const],
      text: 'cart',
      withUpstreams: true,
    };
    const search = toSummarySearch(query);
    expect(search).toBe(
      'kind=Component%2CAPI&owner=group%3Adefault%2Fecommerce&level=major_outage&q=cart&include=upstreams',
    );
    expect(
      parseSummarySearch(Object.fromEntries(new URLSearchParams(search))),
    ).toEqual({
      ...query,
      system: undefined,
      domain: undefined,
      within: undefined,
    });
    const mine = { within: ['group:default/ecommerce'], text: 'cart' };
    expect(
      parseSummarySearch(
        Object.fromEntries(new URLSearchParams(toSummarySearch(mine))),
      ),
    ).toMatchObject(mine);
  });

  it('bound how many values a list filter carries', () => {
    const many = Array.from({ length: 501 }, (_, i) => `group:default/g${i}`);
    expect(() => parseSummarySearch({ owner: many.join(',') })).toThrow(
      'owner takes at most 500 values',
    );
    expect(
      parseSummarySearch({ owner: many.slice(1).join(',') }).owner,
    ).toHaveLength(500);
  });

  it('refuse what they cannot read, naming it', () => {
    expect(() => parseSummarySearch({ level: 'broken' })).toThrow(
      'Unknown level "broken"',
    );
    expect(() => parseSummarySearch({ owner: ['a', 'b'] })).toThrow(
      'owner must be given once',
    );
    expect(() => parseSummarySearch({ include: 'downstreams' })).toThrow(
      'use include=upstreams',
    );
  });

  it('match kind in any case, owner, system, every word of the text, and the level on its own', () => {
    expect(matchesSummaryQuery(entity(), { kind: ['component'] })).toBe(true);
    expect(matchesSummaryQuery(entity(), { kind: ['api'] })).toBe(false);
    expect(matchesSummaryQuery(entity(), { owner: [] })).toBe(true);
    expect(
      matchesSummaryQuery(entity({ owner: undefined }), { owner: ['x'] }),
    ).toBe(false);
    expect(matchesSummaryQuery(entity(), { text: 'SHOPPING cart' })).toBe(true);
    expect(matchesSummaryQuery(entity(), { text: 'cart payments' })).toBe(
      false,
    );
    expect(
      matchesSummaryQuery(entity(), { domain: ['domain:default/x'] }),
    ).toBe(false);
    expect(hasSummaryLevel(entity(), ['degraded', 'major_outage'])).toBe(true);
    expect(hasSummaryLevel(entity(), ['operational'])).toBe(false);
    expect(hasSummaryLevel(entity(), [])).toBe(true);
  });
});

describe('one home per rule', () => {
  it('an entity without its own level and nothing inherited reads "not monitored"', () => {
    expect(isMonitored({ own: undefined })).toBe(false);
    expect(isMonitored({ own: 'operational' })).toBe(true);
    expect(displayLevel({ monitored: false, effective: 'operational' })).toBe(
      'not_monitored',
    );
    // an inherited problem shows, monitored or not
    expect(displayLevel({ monitored: false, effective: 'degraded' })).toBe(
      'degraded',
    );
    expect(displayLevel({ monitored: true, effective: 'operational' })).toBe(
      'operational',
    );
  });

  it('Systems, Domains and Groups have roll-ups, in any case', () => {
    expect(['System', 'domain', 'GROUP'].map(isRollupKind)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['Component', 'API', 'User'].map(isRollupKind)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('reads times from rows and fields, and nothing from garbage', () => {
    const now = new Date();
    expect(toDate(now.toISOString())).toEqual(now);
    expect(toDate(now.getTime())).toEqual(now);
    expect(toDate(now)).toBe(now);
    expect([null, undefined, '', 'not a date'].map(toDate)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
