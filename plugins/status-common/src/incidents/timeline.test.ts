import {
  assembleIncidentTimeline,
  findPostmortemLink,
  incidentImpact,
  isMajorIncident,
  TimelineParts,
} from './timeline';

const T0 = Date.UTC(2031, 4, 6, 14, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

const base: TimelineParts = {
  incident: { createdAt: at(0), acknowledgedAt: at(1), resolvedAt: at(5) },
  updates: [],
  alerts: [],
  changes: [],
  impact: [],
};

describe('isMajorIncident', () => {
  it('counts P1 and P2 (and SEV1/SEV2), and high urgency only without a priority', () => {
    expect(isMajorIncident({ priority: 'P1', urgency: 'low' })).toBe(true);
    expect(isMajorIncident({ priority: 'p2', urgency: 'low' })).toBe(true);
    expect(isMajorIncident({ priority: 'SEV1', urgency: 'low' })).toBe(true);
    expect(isMajorIncident({ priority: 'P3', urgency: 'high' })).toBe(false);
    expect(isMajorIncident({ priority: null, urgency: 'high' })).toBe(true);
    expect(isMajorIncident({ urgency: 'low' })).toBe(false);
  });
});

describe('findPostmortemLink', () => {
  it('finds a Markdown link whose text or URL says postmortem, post-mortem or incident review', () => {
    expect(
      findPostmortemLink(
        'Written up: [Postmortem: login 502s](https://wiki.example.com/x)',
      ),
    ).toEqual({
      url: 'https://wiki.example.com/x',
      title: 'Postmortem: login 502s',
    });
    expect(
      findPostmortemLink('[the doc](https://docs.example.com/post-mortems/12)'),
    ).toEqual({
      url: 'https://docs.example.com/post-mortems/12',
      title: 'the doc',
    });
    expect(
      findPostmortemLink('[Incident review](https://docs.example.com/a)')?.url,
    ).toBe('https://docs.example.com/a');
  });

  it('finds a bare URL that says so, or follows the words on its line, without trailing punctuation', () => {
    expect(
      findPostmortemLink('See https://wiki.example.com/postmortem/7.')?.url,
    ).toBe('https://wiki.example.com/postmortem/7');
    expect(
      findPostmortemLink('Post mortem is at https://docs.example.com/d/abc')
        ?.url,
    ).toBe('https://docs.example.com/d/abc');
  });

  it('ignores links that are not postmortems and words without a link', () => {
    expect(
      findPostmortemLink(
        'Dashboard: https://grafana.example.com/d/1\nPostmortem to follow',
      ),
    ).toBeUndefined();
    expect(
      findPostmortemLink('[runbook](https://wiki.example.com/runbook)'),
    ).toBeUndefined();
    expect(
      findPostmortemLink('ftp://files.example.com/postmortem.txt'),
    ).toBeUndefined();
  });
});

describe('assembleIncidentTimeline', () => {
  it('orders every part by time, a change before the alert and trigger it caused', () => {
    const entries = assembleIncidentTimeline({
      ...base,
      logEntries: [
        {
          id: 'L3',
          type: 'resolve_log_entry',
          at: at(5),
          summary: 'Resolved by Ada',
          agent: 'Ada',
        },
        {
          id: 'L1',
          type: 'trigger_log_entry',
          at: at(0),
          summary: 'Triggered through the API',
        },
        {
          id: 'L2',
          type: 'acknowledge_log_entry',
          at: at(1),
          summary: 'Acknowledged by Ada',
          agent: 'Ada',
        },
        {
          id: 'L4',
          type: 'notify_log_entry',
          at: at(0.5),
          summary: 'Notified Ada by SMS',
        },
      ],
      updates: [
        {
          id: 'S1',
          kind: 'status_update',
          at: iso(2),
          author: 'Ada',
          message: 'Rolling back',
        },
      ],
      alerts: [
        {
          at: iso(0),
          kind: 'alert',
          source: 'alerts',
          text: '503s on /oauth/token',
        },
      ],
      changes: [
        {
          at: iso(-6),
          kind: 'change',
          source: 'changes',
          text: 'Deployed v2.14.0',
        },
      ],
      impact: [
        {
          entityRef: 'component:default/shop-web',
          level: 'partial_outage',
          path: ['component:default/auth', 'component:default/shop-web'],
          from: iso(0),
          to: iso(6),
        },
      ],
    });
    expect(entries.map(e => [e.kind, e.at])).toEqual([
      ['change', iso(-6)],
      ['alert', iso(0)],
      ['triggered', iso(0)],
      ['impact', iso(0)],
      ['other', iso(0.5)],
      ['acknowledged', iso(1)],
      ['status_update', iso(2)],
      ['resolved', iso(5)],
      ['recovered', iso(6)],
    ]);
    expect(entries[5]).toMatchObject({
      by: 'Ada',
      text: 'Acknowledged by Ada',
    });
    expect(entries[3]).toMatchObject({
      entityRef: 'component:default/shop-web',
      level: 'partial_outage',
    });
  });

  it('lists a note PagerDuty also logged once, with its author, and a log entry read twice once', () => {
    const entries = assembleIncidentTimeline({
      ...base,
      logEntries: [
        {
          id: 'L1',
          type: 'trigger_log_entry',
          at: at(0),
          summary: 'Triggered',
        },
        {
          id: 'L1',
          type: 'trigger_log_entry',
          at: at(0),
          summary: 'Triggered',
        },
        {
          id: 'L2',
          type: 'annotate_log_entry',
          at: at(2),
          summary: 'Note added',
          note: 'Rolling back to v2.13.4',
        },
        {
          id: 'L3',
          type: 'annotate_log_entry',
          at: at(3),
          summary: 'Note added',
          note: 'Only in the log',
        },
      ],
      updates: [
        {
          id: 'N1',
          kind: 'note',
          at: iso(2),
          author: 'Ada',
          message: 'Rolling back to v2.13.4',
        },
      ],
    });
    expect(entries.map(e => [e.kind, e.text, e.by])).toEqual([
      ['triggered', 'Triggered', null],
      ['note', 'Rolling back to v2.13.4', 'Ada'],
      ['note', 'Only in the log', null],
    ]);
  });

  it("stands in the incident's own times when the log was never read", () => {
    const entries = assembleIncidentTimeline({
      ...base,
      incident: { ...base.incident, resolvedBy: 'Ada' },
    });
    expect(entries.map(e => [e.kind, e.at, e.by ?? null])).toEqual([
      ['triggered', iso(0), null],
      ['acknowledged', iso(1), null],
      ['resolved', iso(5), 'Ada'],
    ]);
  });
});

describe('incidentImpact', () => {
  const AUTH = 'component:default/auth';
  const SHOP = 'component:default/shop-web';
  const GATEWAY = 'component:default/gateway';
  const rootCause = (path: string[]) => ({
    signals: [],
    rootCauses: [{ root: AUTH, level: 'major_outage', path }],
  });

  it('follows each entity from its first change explained by the incident to its recovery, at its worst level', () => {
    const impact = incidentImpact({
      incidentId: 'PINC1',
      entityRefs: [AUTH],
      transitions: [
        {
          entityRef: AUTH,
          at: at(0),
          effectiveTo: 'major_outage',
          reason: { signals: [{ id: 'PINC1' }], rootCauses: [] },
        },
        {
          entityRef: SHOP,
          at: at(1),
          effectiveTo: 'degraded',
          reason: rootCause([SHOP, GATEWAY, AUTH]),
        },
        {
          entityRef: SHOP,
          at: at(2),
          effectiveTo: 'partial_outage',
          reason: rootCause([SHOP, GATEWAY, AUTH]),
        },
        {
          entityRef: SHOP,
          at: at(6),
          effectiveTo: 'operational',
          reason: { signals: [], rootCauses: [] },
        },
        { entityRef: AUTH, at: at(5), effectiveTo: 'operational', reason: {} },
        // another outage of the gateway's own: not this incident's
        {
          entityRef: GATEWAY,
          at: at(3),
          effectiveTo: 'degraded',
          reason: { signals: [{ id: 'OTHER' }], rootCauses: [] },
        },
      ],
    });
    expect(impact).toEqual([
      {
        entityRef: AUTH,
        level: 'major_outage',
        path: [AUTH],
        from: iso(0),
        to: iso(5),
      },
      {
        entityRef: SHOP,
        level: 'partial_outage',
        path: [AUTH, GATEWAY, SHOP],
        from: iso(1),
        to: iso(6),
      },
    ]);
  });

  it('keeps an entity that has not recovered open, and ignores reasons it cannot read', () => {
    const impact = incidentImpact({
      incidentId: 'PINC1',
      entityRefs: [AUTH],
      transitions: [
        {
          entityRef: SHOP,
          at: at(1),
          effectiveTo: 'degraded',
          reason: rootCause([SHOP, AUTH]),
        },
        {
          entityRef: GATEWAY,
          at: at(1),
          effectiveTo: 'degraded',
          reason: 'not an object',
        },
        {
          entityRef: GATEWAY,
          at: at(2),
          effectiveTo: 'degraded',
          reason: { rootCauses: [{ root: 42 }] },
        },
      ],
    });
    expect(impact).toEqual([
      {
        entityRef: SHOP,
        level: 'degraded',
        path: [AUTH, SHOP],
        from: iso(1),
        to: null,
      },
    ]);
  });
});
