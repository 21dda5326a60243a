import Ajv, { ValidateFunction } from 'ajv';
import type * as AdaptiveCards from 'adaptivecards';

/**
 * Microsoft's reference Adaptive Cards library, in its CommonJS build (the
 * package's main entry is ES modules without file extensions).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cards: typeof AdaptiveCards = require('adaptivecards/dist/adaptivecards.js');

/** The highest card version Teams renders. */
export const TEAMS_MAX_CARD_VERSION = '1.5';

/** The Adaptive Card attachment type Teams takes. */
export const ADAPTIVE_CARD_CONTENT_TYPE =
  'application/vnd.microsoft.card.adaptive';

let schemaCheck: ValidateFunction | undefined;

/**
 * The published Adaptive Card JSON schema, as Microsoft ships it in the
 * `adaptivecards-designer` package (draft-06; the properties of card
 * version 1.0). One repair: its root names itself with draft-04's `id`,
 * which draft-06 spells `$id`.
 */
function publishedSchema(): ValidateFunction {
  if (!schemaCheck) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const {
      adaptiveCardSchema,
    } = require('adaptivecards-designer/lib/adaptive-card-schema.js');
    const { id, ...rest } = adaptiveCardSchema;
    const ajv = new Ajv({ strict: false, allErrors: false });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    schemaCheck = ajv.compile({ ...rest, $id: id });
  }
  return schemaCheck;
}

/**
 * What is wrong with one Adaptive Card, if anything: checked against the
 * published JSON schema, then parsed by the reference library at the
 * version the card declares (unknown element or action types, invalid
 * values, missing required properties, versions Teams does not render).
 */
export function adaptiveCardProblems(card: unknown): string[] {
  const check = publishedSchema();
  if (!check(card))
    return [
      ...new Set(
        (check.errors ?? []).map(e => `card${e.instancePath} ${e.message}`),
      ),
    ];
  const declared = cards.Version.parse(
    String((card as { version: unknown }).version),
    new cards.SerializationContext(),
  );
  const highest = cards.Version.parse(
    TEAMS_MAX_CARD_VERSION,
    new cards.SerializationContext(),
  )!;
  if (!declared?.isValid || declared.compareTo(highest) > 0)
    return [
      `card version ${String(
        (card as { version: unknown }).version,
      )} is not one Teams renders (1.0 to ${TEAMS_MAX_CARD_VERSION})`,
    ];
  const parsed = new cards.AdaptiveCard();
  const context = new cards.SerializationContext(declared);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++)
    problems.push(`card: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`card: ${event.message}`);
  return problems;
}

/**
 * What is wrong with a workflow webhook's request body: one `message`
 * whose attachments are Adaptive Cards, each valid.
 */
export function teamsMessageProblems(body: unknown): string[] {
  const message = body as {
    type?: unknown;
    attachments?: { contentType?: unknown; content?: unknown }[];
  };
  if (!message || typeof message !== 'object' || Array.isArray(message))
    return ['the body must be a JSON object'];
  const problems: string[] = [];
  if (message.type !== 'message') problems.push('type must be "message"');
  if (!Array.isArray(message.attachments) || message.attachments.length === 0)
    return [...problems, 'attachments must be a non-empty array'];
  message.attachments.forEach((attachment, index) => {
    if (attachment?.contentType !== ADAPTIVE_CARD_CONTENT_TYPE)
      problems.push(
        `attachments[${index}].contentType must be ${ADAPTIVE_CARD_CONTENT_TYPE}`,
      );
    else
      problems.push(
        ...adaptiveCardProblems(attachment.content).map(
          p => `attachments[${index}].${p}`,
        ),
      );
  });
  return problems;
}
