import { Agent } from '../model';

/** A change PagerDuty would announce with a v3 webhook. */
export type AccountChange = {
  eventType: string;
  resourceType: 'incident' | 'service';
  resourceId: string;
  occurredAt: Date;
  agent?: Agent;
  /** What an `incident.annotated` or `incident.status_update_published` event carries instead of the incident. */
  detail?: { kind: 'note' | 'status_update'; id: string };
};

/** Raised for a request naming something the account does not have. */
export class UnknownObjectError extends Error {
  constructor(kind: string, id: string) {
    super(`No ${kind} ${id}`);
    this.name = 'UnknownObjectError';
  }
}

/** Raised for a change that PagerDuty would refuse in the object's state. */
export class InvalidTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}
