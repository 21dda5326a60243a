/**
 * A resolved incident like an open one, on the same service or on an
 * upstream, as `GET /entities/:kind/:namespace/:name/similar-incidents`
 * returns it.
 *
 * @public
 */
export type StatusSimilarIncident = {
  id: string;
  /** Its PagerDuty account, which with its ID names its timeline. */
  account?: string;
  title: string;
  /** The entity whose PagerDuty service it was on. */
  entityRef: string;
  /**
   * `same-service`: on the open incident's own service; `root-cause`: on an
   * upstream the entity's outage comes from now; `upstream`: on another
   * upstream.
   */
  relation: 'same-service' | 'root-cause' | 'upstream';
  /** From the entity to where it happened; just the entity for its own. */
  path: string[];
  createdAt: string;
  resolvedAt: string;
  /** Who resolved it, when a person did. */
  resolvedBy?: string;
  htmlUrl?: string;
  /** Share of distinguishing title words in common, 0 to 1. */
  titleSimilarity: number;
};

/**
 * For each open incident of an entity, the closest resolved ones of the last
 * 90 days.
 *
 * @public
 */
export type StatusSimilarIncidents = {
  entityRef: string;
  incidents: {
    id: string;
    title: string;
    /** Best first; at most five. */
    similar: StatusSimilarIncident[];
  }[];
  /** Similar incidents on upstreams the reader may not see: counted, never shown. */
  hiddenMatches: number;
  /** How far back resolved incidents are searched. */
  days: number;
  generatedAt: string;
};
