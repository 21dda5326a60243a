/** A card a simulated workflow took, as Teams would post it to its channel. */
export type PostedTeamsCard = {
  workflow: string;
  receivedAt: string;
  /** The Adaptive Card, as sent. */
  card: Record<string, unknown>;
};

/** What the next posts to a workflow are answered, to test retries. */
export type TeamsWorkflowFault = {
  status: number;
  times: number;
  /** Sent as `Retry-After`, as Teams does when it throttles. */
  retryAfterSeconds?: number;
};

/** Cards kept per workflow, newest last. */
export const MAX_CARDS_PER_WORKFLOW = 200;

/**
 * Simulated Teams workflows ("When a Teams webhook request is received" →
 * "Post card in a chat or channel"): any workflow name takes posts signed
 * with the configured signature, and keeps the cards its channel would show.
 */
export class TeamsWorkflows {
  private readonly cards = new Map<string, PostedTeamsCard[]>();
  private readonly faults = new Map<string, TeamsWorkflowFault>();
  /** Posts per workflow in the current second, for Teams' rate limit. */
  private readonly window = new Map<
    string,
    { second: number; count: number }
  >();

  constructor(readonly signature: string) {}

  post(workflow: string, card: Record<string, unknown>, at: Date) {
    const list = this.cards.get(workflow) ?? [];
    list.push({ workflow, receivedAt: at.toISOString(), card });
    if (list.length > MAX_CARDS_PER_WORKFLOW) list.shift();
    this.cards.set(workflow, list);
  }

  /** Cards of one workflow, or of all, oldest first. */
  list(workflow?: string): PostedTeamsCard[] {
    if (workflow) return [...(this.cards.get(workflow) ?? [])];
    return [...this.cards.values()]
      .flat()
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  clear() {
    this.cards.clear();
    this.faults.clear();
  }

  setFault(workflow: string, fault?: TeamsWorkflowFault) {
    if (fault && fault.times > 0) this.faults.set(workflow, fault);
    else this.faults.delete(workflow);
  }

  /** The fault that answers this post, if one is set. */
  takeFault(workflow: string): TeamsWorkflowFault | undefined {
    const fault = this.faults.get(workflow);
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.delete(workflow);
    return fault;
  }

  /** Counts a post; false past `perSecond` in the same second. */
  admit(workflow: string, at: Date, perSecond: number): boolean {
    const second = Math.floor(at.getTime() / 1000);
    const current = this.window.get(workflow);
    if (!current || current.second !== second) {
      this.window.set(workflow, { second, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= perSecond;
  }
}
