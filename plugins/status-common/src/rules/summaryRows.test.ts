import { StatusSummaryEntity } from '../summary/api';
import { HealthLevel } from '../health';
import {
  buildSummaryRows,
  countSummaryLevels,
  summaryFacets,
} from './summaryRows';

const entity = (
  name: string,
  effective: HealthLevel,
  owner: string | undefined,
  system?: string,
  domain?: string,
): StatusSummaryEntity => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  name,
  owner,
  system,
  domain,
  inherited: 'operational',
  effective,
});

const entities = [
  entity(
    'cart',
    'major_outage',
    'group:default/shop',
    'system:default/mall',
    'domain:default/retail',
  ),
  entity(
    'search',
    'operational',
    'group:default/shop',
    'system:default/mall',
    'domain:default/retail',
  ),
  entity(
    'trips',
    'degraded',
    'group:default/travel',
    'system:default/trips',
    'domain:default/travel',
  ),
  entity('loose', 'operational', undefined),
];

describe('buildSummaryRows', () => {
  it('groups by owner with each group’s roll-up level, worst group first', () => {
    const rows = buildSummaryRows(entities, 'owner', new Set());
    expect(
      rows.map(r =>
        r.type === 'group'
          ? [r.ref, r.level, r.count]
          : [r.entity.name, r.depth],
      ),
    ).toEqual([
      ['group:default/shop', 'major_outage', 2],
      ['cart', 1],
      ['search', 1],
      ['group:default/travel', 'degraded', 1],
      ['trips', 1],
      ['(no owner)', 'operational', 1],
      ['loose', 1],
    ]);
  });

  it('nests Systems under Domains, and leaves out a collapsed group’s members', () => {
    const rows = buildSummaryRows(entities, 'domain', new Set());
    expect(rows.slice(0, 3)).toMatchObject([
      { type: 'group', ref: 'domain:default/retail', depth: 0, count: 2 },
      { type: 'group', ref: 'system:default/mall', depth: 1, count: 2 },
      { type: 'entity', depth: 2 },
    ]);
    const collapsed = buildSummaryRows(
      entities,
      'domain',
      new Set([rows[0].key]),
    );
    expect(collapsed).toHaveLength(rows.length - 3);
    expect(collapsed[0]).toMatchObject({ collapsed: true, count: 2 });
    expect(buildSummaryRows(entities, 'flat', new Set())).toHaveLength(4);
  });
});

describe('summaryFacets and countSummaryLevels', () => {
  it('list each filter value once, sorted, and count every level', () => {
    expect(summaryFacets(entities)).toEqual({
      kind: ['Component'],
      owner: ['group:default/shop', 'group:default/travel'],
      system: ['system:default/mall', 'system:default/trips'],
      domain: ['domain:default/retail', 'domain:default/travel'],
    });
    // none of these has a level of its own: the operational ones are not monitored
    expect(countSummaryLevels(entities)).toEqual({
      operational: 0,
      not_monitored: 2,
      misconfigured: 0,
      degraded: 1,
      partial_outage: 0,
      major_outage: 1,
      under_maintenance: 0,
      unknown: 0,
    });
  });

  it('counts operational only what is monitored and correctly configured, whatever is inherited', () => {
    const watched = (
      name: string,
      own: HealthLevel | undefined,
      effective: HealthLevel,
      misconfigured?: boolean,
    ): StatusSummaryEntity => ({
      ...entity(name, effective, undefined),
      own,
      ...(misconfigured ? { misconfigured } : {}),
    });
    const counts = countSummaryLevels([
      watched('fine', 'operational', 'operational'),
      watched('unwatched', undefined, 'operational'),
      // names a PagerDuty service that does not exist
      watched('typo', undefined, 'operational', true),
      watched('half-typo', 'operational', 'operational', true),
      // not monitored itself, but an upstream's outage reaches it
      watched('downstream', undefined, 'major_outage'),
      watched('broken-and-typo', 'degraded', 'degraded', true),
    ]);
    expect(counts).toMatchObject({
      operational: 1,
      not_monitored: 1,
      misconfigured: 2,
      major_outage: 1,
      degraded: 1,
    });
  });
});
