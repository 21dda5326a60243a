/**
 * A note or a status update on an incident.
 *
 * @public
 */
export type StatusIncidentUpdate = {
  id: string;
  /** A responder's note, or a status update published to stakeholders. */
  kind: 'note' | 'status_update';
  /** ISO 8601. */
  at: string;
  author: string | null;
  message: string;
};

/**
 * Why an incident is grouped under an upstream's: it opened while that
 * upstream was already failing, and its entity depends on it.
 *
 * @public
 */
export type StatusSymptomOf = {
  /** The upstream's incident; null when the upstream is hidden from the reader. */
  incidentId: string | null;
  /** The upstream entity, or `hidden` (HIDDEN_ENTITY_REF) when the reader may not read it. */
  entityRef: string;
  /** The upstream incident's title; null when hidden. */
  title: string | null;
  /** The upstream incident's number; null when hidden or unknown. */
  upstreamNumber?: number | null;
  /** How long after the upstream's incident began this one opened (negative: before). */
  afterMs?: number;
  /** From the incident's entity to the upstream, both included, hidden entities as `hidden` (HIDDEN_ENTITY_REF). */
  path?: string[];
  /**
   * In plain English, e.g. "Opened 4 min after auth-service's incident #12;
   * shop-web depends on auth-service via api-gateway.", for API readers; a
   * page words it in its reader's language from the fields above.
   */
  explanation: string;
};
