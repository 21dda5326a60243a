import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

/** PagerDuty's OpenAPI documents vendored in this package's `openapi/` folder. */
export const PAGERDUTY_OPENAPI_DOCUMENTS = {
  rest: path.resolve(__dirname, '../../openapi/rest-openapiv3.json'),
  eventsV2: path.resolve(__dirname, '../../openapi/events-v2-openapiv3.json'),
} as const;

const escape = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Two repairs to the specification, each for a defect that makes a correct
 * response impossible to validate; nothing else is relaxed.
 *
 * - `oneOf` becomes `anyOf`: the specification's alternatives overlap with no
 *   discriminator (the `Channel` variants have no required fields, so every
 *   channel object matches several), so "exactly one" can never hold.
 * - `AcknowledgeLogEntry.type` also allows `acknowledge_log_entry`: it requires
 *   `acknowledgement_log_entry`, which its own base `LogEntry.type` enum
 *   forbids; the API and the base enum say `acknowledge_log_entry`.
 */
function repairSpecification(spec: any): any {
  const visit = (node: any): any => {
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') {
      const out: any = {};
      for (const [key, value] of Object.entries(node)) {
        out[key === 'oneOf' ? 'anyOf' : key] = visit(value);
      }
      return out;
    }
    return node;
  };
  const repaired = visit(spec);
  const ack =
    repaired.components.schemas.AcknowledgeLogEntry.allOf[1].properties.type;
  ack.enum = [...ack.enum, 'acknowledge_log_entry'];
  return repaired;
}

/** Validators for the responses and request bodies the specification defines. */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly spec: any;

  constructor(specFile: string = PAGERDUTY_OPENAPI_DOCUMENTS.rest) {
    const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
    this.spec = spec;
    // The specification is OpenAPI 3.0: not strict JSON Schema (nullable, example, ...).
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: true,
    });
    addFormats(this.ajv);
    // ajv-formats' "url" pattern refuses loopback and private hosts, which are
    // valid URLs (the simulator's own links); WHATWG URL parsing decides instead.
    this.ajv.addFormat('url', (value: string) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    });
    // PagerDuty's own time zone formats (Rails / IANA names).
    this.ajv.addFormat('activesupport-time-zone', true);
    this.ajv.addFormat('tzinfo', true);
    this.ajv.addSchema(repairSpecification(spec), 'pagerduty');
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.cache.get(pointer);
    if (!validate) {
      validate = this.ajv.getSchema(`pagerduty#${pointer}`);
      if (!validate) throw new Error(`No schema at ${pointer}`);
      this.cache.set(pointer, validate);
    }
    return validate;
  }

  /** Errors of a response body against the specification, empty when it conforms. */
  responseErrors(
    pathTemplate: string,
    method: string,
    status: number,
    body: unknown,
  ): string[] {
    const response =
      this.spec.paths[pathTemplate]?.[method]?.responses?.[status];
    if (!response)
      throw new Error(
        `The specification defines no ${status} for ${method} ${pathTemplate}`,
      );
    // Shared responses (errors) are $refs to components/responses
    const base = response.$ref
      ? String(response.$ref).slice(1)
      : `/paths/${escape(pathTemplate)}/${method}/responses/${status}`;
    return this.errors(`${base}/content/application~1json/schema`, body);
  }

  /** Errors of a request body against the specification. */
  requestErrors(pathTemplate: string, method: string, body: unknown): string[] {
    const pointer = `/paths/${escape(
      pathTemplate,
    )}/${method}/requestBody/content/application~1json/schema`;
    return this.errors(pointer, body);
  }

  private errors(pointer: string, body: unknown): string[] {
    const validate = this.validator(pointer);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
}
