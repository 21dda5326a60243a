/**
 * The headers PagerDuty's REST contract requires on every request, for callers
 * of the simulator that are not a PagerDuty client (tests, the demo CLI): the
 * API key, the v2 `Accept` header, and `Content-Type: application/json`, which
 * the document marks required even on GET.
 *
 * @public
 */
export function pagerDutyRequestHeaders(
  token = 'simulator-token',
): Record<string, string> {
  return {
    Authorization: `Token token=${token}`,
    Accept: 'application/vnd.pagerduty+json;version=2',
    'Content-Type': 'application/json',
  };
}
