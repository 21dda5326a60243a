import {
  compareLevels,
  currentOnCall,
  StatusEscalationPolicy,
} from '@status-layer/plugin-status-common';
import { StatusEngine } from '../engine/StatusEngine';
import { RootDescription } from './notificationMessages';
import { UpstreamOutage } from './upstreamOutages';

/**
 * The failing upstream as notifications describe it: its most severe open
 * incident, its owner with how to reach them, and who is on call first.
 */
export function describeRoot(
  engine: StatusEngine,
  /** Its escalation policies as last read (none when they could not be). */
  policies: StatusEscalationPolicy[],
  outage: UpstreamOutage,
  nameOf: (ref: string) => string,
  now: Date,
): RootDescription {
  const ref = outage.rootRef;
  const incident = engine
    .incidentsOf(ref)
    .filter(i => i.status !== 'resolved')
    .sort(
      (a, b) =>
        compareLevels(engine.incidentLevel(b), engine.incidentLevel(a)) ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    )[0];
  const ownerRef = engine.entity(ref)?.owner;
  const contact = ownerRef ? engine.entity(ownerRef)?.contact : undefined;
  // a shift that has ended since the last read is nobody's to answer now
  const nowMs = now.getTime();
  const policy = policies.find(p => currentOnCall(p.onCall, nowMs).length);
  const firstOnCall = policy && currentOnCall(policy.onCall, nowMs)[0];
  return {
    hidden: false,
    ref,
    name: nameOf(ref),
    level: outage.rootLevel,
    incident: incident
      ? {
          title: incident.title,
          number: incident.number,
          htmlUrl: incident.htmlUrl,
        }
      : undefined,
    owner: ownerRef
      ? {
          name: contact?.displayName ?? nameOf(ownerRef),
          slackChannel: contact?.slackChannel,
          email: contact?.email,
        }
      : undefined,
    onCall:
      policy && firstOnCall
        ? { name: firstOnCall.user.name, policy: policy.name }
        : undefined,
  };
}

/**
 * When an outage began: its earliest open incident, so that the minimum
 * duration counts from there even for an outage older than this backend;
 * now when only monitoring alerts show it.
 */
export function outageStart(
  engine: StatusEngine,
  rootRef: string,
  now: Date,
): Date {
  const opened = engine
    .incidentsOf(rootRef)
    .filter(i => i.status !== 'resolved')
    .map(i => i.createdAt.getTime());
  return new Date(Math.min(now.getTime(), ...opened));
}
