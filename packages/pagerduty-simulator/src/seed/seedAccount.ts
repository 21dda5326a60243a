import { createHash } from 'node:crypto';
import { Random } from '../random';
import { AccountState } from '../state';
import { CatalogSeed } from './readCatalog';
import { seedDependencies } from './seedDependencies';

const DAY_MS = 86_400_000;
// Monday 2026-01-05 09:00 UTC: the weekly rotations hand over on Mondays at 09:00.
/**
 * The start of the weekly on-call shift running at `now`: Monday 09:00 UTC on
 * or before it. Rotations start there, so a simulator seeded on any day puts
 * the same person on call first; shifts still hand over every week after.
 */
export function currentRotationStart(now: Date): Date {
  const start = new Date(now);
  start.setUTCHours(9, 0, 0, 0);
  // getUTCDay: 0 is Sunday; days back to Monday
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (start > now) start.setUTCDate(start.getUTCDate() - 7);
  return start;
}

const PRIORITIES = [
  {
    name: 'P1',
    description: 'Critical: a customer-facing outage across businesses',
    color: 'a8171c',
  },
  {
    name: 'P2',
    description: 'High: a major feature is down for one business',
    color: 'eb6016',
  },
  {
    name: 'P3',
    description: 'Moderate: degraded, with a workaround',
    color: 'f9b406',
  },
  { name: 'P4', description: 'Low: minor impact', color: '0f7c9c' },
  { name: 'P5', description: 'Informational', color: '5f6e7a' },
];

const INCIDENT_TITLES = [
  'Error rate above 5% on {service}',
  'p99 latency above 2 s on {service}',
  '{service}: health check failing',
  '{service}: pods crash-looping after deploy',
  'Database connection pool exhausted on {service}',
  '{service}: queue backlog growing',
  'Certificate expiring on {service}',
  '{service}: disk usage above 90%',
];

// Cumulative shares of priorities per urgency; the rest have no priority.
const PRIORITY_SHARES: Record<'high' | 'low', [string, number][]> = {
  high: [
    ['P1', 0.08],
    ['P2', 0.35],
    ['P3', 0.75],
  ],
  low: [
    ['P4', 0.5],
    ['P5', 0.8],
  ],
};

function drawPriority(
  urgency: 'high' | 'low',
  roll: number,
): string | undefined {
  return PRIORITY_SHARES[urgency].find(([, upTo]) => roll < upTo)?.[0];
}

/** Options of the seeded account. */
export type SeedOptions = {
  seed: number;
  /** Days of resolved incident history. */
  historyDays?: number;
  /** Service IDs named in the catalog that the account must not have. */
  missingServiceIds?: string[];
};

/**
 * Fills an empty account from the catalog: one team, schedule and two-level
 * escalation policy per owning group, a service per `pagerduty.com/service-id`,
 * priorities P1–P5, and a history of resolved incidents.
 */
export function seedAccount(
  state: AccountState,
  catalog: CatalogSeed,
  options: SeedOptions,
): void {
  const random = new Random(options.seed);
  const missing = new Set(options.missingServiceIds ?? []);
  const now = state.now();

  for (const [order, p] of PRIORITIES.entries()) {
    state.priorities.push({
      id: random.pagerDutyId(),
      order: (PRIORITIES.length - order) * 1024,
      ...p,
    });
  }

  const owners = [...new Set(catalog.services.map(s => s.ownerGroup))].sort();
  const teamOfGroup = new Map<string, string>();
  const policyOfGroup = new Map<string, string>();
  for (const groupName of owners) {
    const group = catalog.groups.find(g => g.name === groupName) ?? {
      name: groupName,
      title: groupName,
      members: [],
    };
    const teamId = random.pagerDutyId();
    state.teams.set(teamId, {
      id: teamId,
      name: group.title,
      description: `The ${group.title} team`,
    });
    teamOfGroup.set(groupName, teamId);

    const members = group.members.length
      ? group.members
      : [
          {
            name: `${groupName}-oncall`,
            displayName: `${group.title} On-call`,
            email: `${groupName}-oncall@example.com`,
          },
        ];
    const userIds = members.map(member => {
      const existing = [...state.users.values()].find(
        u => u.email === member.email,
      );
      if (existing) {
        existing.teamIds.push(teamId);
        return existing.id;
      }
      const id = random.pagerDutyId();
      state.users.set(id, {
        id,
        name: member.displayName,
        email: member.email,
        teamIds: [teamId],
        role: 'user',
        timeZone: 'Asia/Tokyo',
      });
      return id;
    });

    const scheduleId = random.pagerDutyId();
    state.schedules.set(scheduleId, {
      id: scheduleId,
      name: `${group.title} primary`,
      teamId,
      userIds,
      rotationStart: currentRotationStart(now),
      shiftHours: 168,
    });
    const policyId = random.pagerDutyId();
    // Level 2 is the team's lead (the first member), paged when level 1 does not acknowledge.
    state.escalationPolicies.set(policyId, {
      id: policyId,
      name: `${group.title} escalation`,
      teamId,
      rules: [
        {
          id: random.pagerDutyId(),
          delayMinutes: 15,
          targets: [{ type: 'schedule', id: scheduleId }],
        },
        {
          id: random.pagerDutyId(),
          delayMinutes: 30,
          targets: [{ type: 'user', id: userIds[0] }],
        },
      ],
    });
    policyOfGroup.set(groupName, policyId);
  }

  for (const s of catalog.services) {
    if (missing.has(s.serviceId) || state.services.has(s.serviceId)) continue;
    const createdAt = new Date(
      now.getTime() - (400 + random.int(0, 600)) * DAY_MS,
    );
    state.services.set(s.serviceId, {
      id: s.serviceId,
      name: s.entityName,
      description: s.description,
      teamId: teamOfGroup.get(s.ownerGroup)!,
      escalationPolicyId: policyOfGroup.get(s.ownerGroup)!,
      createdAt,
      updatedAt: createdAt,
      entityName: s.entityName,
      // derived, not drawn: drawing would move every seeded incident after it
      integrationKey:
        s.integrationKey ??
        createHash('md5').update(`events-v2:${s.serviceId}`).digest('hex'),
    });
  }

  seedHistory(
    state,
    random,
    now,
    options.historyDays ?? 90,
    new Map(
      catalog.services.flatMap(s =>
        s.quietDays ? [[s.serviceId, s.quietDays] as const] : [],
      ),
    ),
  );
  // a fortnight of deploys, none when the account is seeded without history
  seedChanges(state, random, now, Math.min(14, options.historyDays ?? 90));
  seedDependencies(state, catalog, options.seed);
}

/**
 * Deploys over the last days: every service ships a few times a fortnight,
 * in working hours, each with its version, commit and pipeline link.
 */
function seedChanges(
  state: AccountState,
  random: Random,
  now: Date,
  days: number,
) {
  if (days < 1) return;
  for (const service of state.services.values()) {
    const name = service.entityName ?? service.name;
    const releases = random.int(1, Math.max(2, Math.floor(days / 3)));
    const major = random.int(1, 4);
    let minor = random.int(0, 20);
    const times = Array.from({ length: releases }, () =>
      random.int(30 * 60, days * 86_400),
    ).sort((a, b) => b - a);
    for (const secondsAgo of times) {
      minor += 1;
      const version = `v${major}.${minor}.0`;
      const build = random.int(1000, 9999);
      state.recordChange({
        service: service.id,
        summary: `Deployed ${name} ${version}`,
        source: `${name}-pipeline`,
        at: new Date(now.getTime() - secondsAgo * 1000),
        customDetails: {
          version,
          commit: random.hex(12),
          environment: 'production',
        },
        links: [
          {
            href: `https://ci.example.com/${name}/builds/${build}`,
            text: `Build ${build}`,
          },
        ],
      });
    }
  }
}

/**
 * Resolved incidents over the last days: a few per service a month, with
 * log-normal times to acknowledge (median 4 min) and to resolve (median 45 min
 * for high urgency, 3 h for low), as in a typical PagerDuty account.
 */
function seedHistory(
  state: AccountState,
  random: Random,
  now: Date,
  days: number,
  /** Per service, the last days without incidents. */
  quietDays: ReadonlyMap<string, number>,
) {
  const planned: {
    at: Date;
    serviceId: string;
    urgency: 'high' | 'low';
    priority?: string;
    title: string;
    tta: number;
    ttr: number;
  }[] = [];
  for (const service of state.services.values()) {
    const count = random.int(Math.floor(days / 30), Math.floor(days / 9));
    for (let i = 0; i < count; i++) {
      const at = new Date(
        now.getTime() - random.int(2 * 3600, days * 86_400) * 1000,
      );
      const urgency = random.next() < 0.65 ? 'high' : 'low';
      const priority = drawPriority(urgency, random.next());
      const ttaMinutes = Math.min(random.logNormal(4, 0.9), 120);
      const ttrMinutes = Math.min(
        random.logNormal(urgency === 'high' ? 45 : 180, 1),
        24 * 60,
      );
      planned.push({
        at,
        serviceId: service.id,
        urgency,
        priority,
        title: random.pick(INCIDENT_TITLES).replace('{service}', service.name),
        tta: ttaMinutes * 60_000,
        ttr: Math.max(ttrMinutes * 60_000, ttaMinutes * 60_000 + 60_000),
      });
      // drawn all the same, so the other services' history does not move
      const quiet = quietDays.get(service.id);
      if (quiet && at.getTime() > now.getTime() - quiet * DAY_MS) planned.pop();
    }
  }
  // Incident numbers grow with time, as in PagerDuty.
  planned.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const p of planned) {
    const incident = state.trigger({
      service: p.serviceId,
      title: p.title,
      urgency: p.urgency,
      priority: p.priority,
      at: p.at,
      silent: true,
    });
    state.acknowledge(incident.id, {
      at: new Date(p.at.getTime() + p.tta),
      silent: true,
    });
    state.resolve(incident.id, {
      at: new Date(p.at.getTime() + p.ttr),
      silent: true,
    });
  }
}
