import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** A JSON pointer segment, escaped (`/` as `~1`, `~` as `~0`). */
export const escape = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** A parameter of an operation, as the document describes it. */
export type Parameter = {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: any;
};

/** A path of the document as a pattern to match request paths with. */
export type Route = {
  template: string;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
};

/** The shared error responses, by status, for errors an operation does not list. */
export const ERROR_RESPONSES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  402: 'PaymentRequired',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'NotAllowed',
  409: 'Conflict',
  413: 'RequestEntityTooLarge',
  429: 'TooManyRequests',
};

/** A validator of the document's schemas, with the formats PagerDuty uses, the document added as `pagerduty`. */
export function createAjv(document: any): Ajv {
  // OpenAPI 3.0 is not strict JSON Schema (nullable, example, ...).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // ajv-formats' "url" refuses loopback and private hosts, which are valid
  // URLs (the simulator's own links); WHATWG URL parsing decides instead.
  ajv.addFormat('url', (value: string) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });
  // PagerDuty's own time zone formats (Rails / IANA names).
  ajv.addFormat('activesupport-time-zone', true);
  ajv.addFormat('tzinfo', true);
  ajv.addSchema(document, 'pagerduty');
  return ajv;
}

/** The document's paths as patterns, literal paths first. */
export function documentRoutes(document: any): Route[] {
  const routes = Object.keys(document.paths).map(template => {
    const names: string[] = [];
    const pattern = template
      .split('/')
      .map(segment => {
        const param = /^\{(.+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(param[1]);
        return '([^/]+)';
      })
      .join('/');
    return {
      template,
      pattern: new RegExp(`^${pattern}$`),
      names,
      literalSegments: template.split('/').length - names.length,
    };
  });
  // literal paths win over templated ones (/webhook_subscriptions/oauth_clients before /{id})
  routes.sort((a, b) => b.literalSegments - a.literalSegments);
  return routes;
}

/** The node a local `$ref` points at. */
export function resolveRef(document: any, ref: string): any {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce(
      (node, segment) => node[segment.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
}

/** Whether a JSON pointer names a node of the document, following `$ref`s. */
export function hasNode(document: any, pointer: string): boolean {
  let node = document;
  for (const segment of pointer.split('/').slice(1)) {
    if (node?.$ref) node = resolveRef(document, node.$ref);
    node = node?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) return false;
  }
  return true;
}

/** A query or path string as the schema's type, or the string when it is not one. */
export function coerce(schema: any, value: string): unknown {
  switch (schema?.type) {
    case 'integer':
      return /^-?\d+$/.test(value) ? Number(value) : value;
    case 'number':
      return value.trim() !== '' && !Number.isNaN(Number(value))
        ? Number(value)
        : value;
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    default:
      return value;
  }
}

/** What is wrong with a parameter's value, each naming where it was. */
export function valueProblems(
  validate: ValidateFunction,
  value: unknown,
  where: string,
): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    e =>
      `${where}${e.instancePath} ${e.message}${
        e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(
              ', ',
            )})`
          : ''
      }: ${JSON.stringify(value)}`,
  );
}
