const PLACEHOLDER_UTC_PATTERN = 'YYYY-MM-DDThh:mm:ssZ';
const UTC_DATE_TIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';

/**
 * Seven repairs to the document, each for a defect that makes a correct
 * exchange impossible to validate; nothing else is relaxed.
 *
 * - `oneOf` becomes `anyOf`: the alternatives overlap with no discriminator
 *   (the `Channel` variants have no required fields, so every channel object
 *   matches several), so "exactly one" can never hold.
 * - `AcknowledgeLogEntry.type` also allows `acknowledge_log_entry`: it requires
 *   `acknowledgement_log_entry`, which its own base `LogEntry.type` enum
 *   forbids; the API and the base enum say `acknowledge_log_entry`.
 * - The `Authorization` header's pattern also allows `_`, `-` and `+`: real
 *   API keys contain them (PagerDuty's own examples show `y_NbAkKc66ryYTWUXYEu`).
 * - The change events' `since`/`until` pattern `YYYY-MM-DDThh:mm:ssZ` is a
 *   placeholder, not a regular expression, and matches no date; it becomes
 *   one for what the text says is accepted: a UTC date-time (others get 400).
 * - `IncidentBody.details` also allows a string: the schema says object, but
 *   the document's own example of `POST /incidents` (and PagerDuty's API
 *   reference) sends the details as text, which is what the web UI shows.
 * - A status page post update need not name its `post`: the updates of a
 *   new post cannot (it has no ID yet), and the document's own example of
 *   `POST /status_pages/{id}/posts` leaves it out.
 * - A schema with `properties` and `nullable` but no `type` (the status
 *   pages' impacted service and impact, a status page service's business
 *   service) gets `type: object`, what its properties say: OpenAPI 3.0's
 *   `nullable` means nothing without a type, and the validator refuses to
 *   compile it.
 *
 * And one translation: OpenAPI 3.0's boolean `exclusiveMinimum` and
 * `exclusiveMaximum` (modifiers of `minimum`/`maximum`) become the numeric
 * bounds the validator's JSON Schema dialect expects, with the same meaning.
 */
export function repairDocument(document: any): any {
  const visit = (node: any): any => {
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') {
      const out: any = {};
      for (const [key, value] of Object.entries(node)) {
        out[key === 'oneOf' ? 'anyOf' : key] =
          key === 'pattern' && value === PLACEHOLDER_UTC_PATTERN
            ? UTC_DATE_TIME_PATTERN
            : visit(value);
      }
      if (
        out.properties &&
        out.nullable !== undefined &&
        out.type === undefined &&
        !out.allOf &&
        !out.anyOf
      )
        out.type = 'object';
      for (const [exclusive, bound] of [
        ['exclusiveMinimum', 'minimum'],
        ['exclusiveMaximum', 'maximum'],
      ]) {
        if (typeof out[exclusive] !== 'boolean') continue;
        if (out[exclusive] && out[bound] !== undefined) {
          out[exclusive] = out[bound];
          delete out[bound];
        } else {
          delete out[exclusive];
        }
      }
      return out;
    }
    return node;
  };
  const repaired = visit(document);
  const ack =
    repaired.components?.schemas?.AcknowledgeLogEntry?.allOf[1].properties.type;
  if (ack) ack.enum = [...ack.enum, 'acknowledge_log_entry'];
  const postUpdate = repaired.components?.schemas?.StatusPagePostUpdateRequest;
  if (postUpdate?.required)
    postUpdate.required = postUpdate.required.filter(
      (name: string) => name !== 'post',
    );
  const incidentBody = repaired.components?.schemas?.IncidentBody;
  if (incidentBody?.properties?.details?.type === 'object') {
    incidentBody.properties.details.type = ['object', 'string'];
  }
  const authorization = repaired.components.parameters?.header_Authorization;
  if (authorization) {
    authorization.schema.pattern =
      '^(Token token=[A-Za-z0-9_+-]+|Bearer [A-Za-z0-9_+.-]+)$';
  }
  return repaired;
}
