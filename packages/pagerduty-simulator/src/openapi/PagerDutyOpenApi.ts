import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv, { ValidateFunction } from 'ajv';
import fs from 'node:fs';
import {
  coerce,
  createAjv,
  documentRoutes,
  ERROR_RESPONSES,
  escape,
  hasNode,
  Parameter,
  resolveRef,
  Route,
  valueProblems,
} from './documentHelpers';
import { repairDocument } from './repairDocument';

const ownFile = (file: string) =>
  resolvePackagePath('@internal/pagerduty-simulator', file);

/** PagerDuty's OpenAPI documents vendored in this package's `openapi/` folder. */
export const PAGERDUTY_OPENAPI_DOCUMENTS = {
  rest: ownFile('openapi/rest-openapiv3.json'),
  eventsV2: ownFile('openapi/events-v2-openapiv3.json'),
  /** Written from PagerDuty's documentation of its token endpoint: it publishes no document (see its `info`). */
  oauth: ownFile('openapi/oauth-openapiv3.json'),
} as const;

/** An operation of the document that a request matched. */
export type MatchedOperation = {
  /** The path as the document writes it, e.g. `/incidents/{id}`. */
  template: string;
  method: string;
  pathParams: Record<string, string>;
};

/** What of a request the document constrains. */
export type RequestToValidate = {
  /** The raw query, parameter names as sent (`statuses[]`). */
  query: URLSearchParams;
  header: (name: string) => string | undefined;
  /** The parsed JSON body, when one was sent. */
  body?: unknown;
};

/**
 * PagerDuty's REST API contract, from its published OpenAPI document: which
 * operation a request is, what is wrong with a request, and what is wrong with
 * a response. The simulator checks every request and answer with it, and the
 * contract tests use it too.
 */
export class PagerDutyOpenApi {
  private static shared?: PagerDutyOpenApi;
  private readonly ajv: Ajv;
  private readonly document: any;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly routes: Route[];

  /** The REST document, read and compiled once per process. */
  static rest(): PagerDutyOpenApi {
    PagerDutyOpenApi.shared ??= new PagerDutyOpenApi(
      PAGERDUTY_OPENAPI_DOCUMENTS.rest,
    );
    return PagerDutyOpenApi.shared;
  }

  constructor(file: string = PAGERDUTY_OPENAPI_DOCUMENTS.rest) {
    this.document = repairDocument(JSON.parse(fs.readFileSync(file, 'utf8')));
    this.ajv = createAjv(this.document);
    this.routes = documentRoutes(this.document);
  }

  /** The operation a method and path are, if the document has it. */
  match(method: string, requestPath: string): MatchedOperation | undefined {
    const lower = method.toLowerCase();
    for (const route of this.routes) {
      const found = route.pattern.exec(requestPath);
      if (!found || !this.document.paths[route.template][lower]) continue;
      return {
        template: route.template,
        method: lower,
        pathParams: Object.fromEntries(
          route.names.map((name, i) => [
            name,
            decodeURIComponent(found[i + 1]),
          ]),
        ),
      };
    }
    return undefined;
  }

  /** Whether the document has this path for some other method (405 rather than 404). */
  hasPath(requestPath: string): boolean {
    return this.routes.some(route => route.pattern.test(requestPath));
  }

  /** Everything wrong with a request for an operation; empty when it conforms. */
  requestProblems(
    operation: MatchedOperation,
    request: RequestToValidate,
  ): string[] {
    const problems: string[] = [];
    const spec = this.document.paths[operation.template][operation.method];
    const parameters = this.parameters(operation);
    const known = new Set<string>();
    for (const parameter of parameters) {
      const where = `${parameter.in} parameter ${parameter.name}`;
      if (parameter.in === 'query') {
        known.add(parameter.name);
        const values = request.query.getAll(parameter.name);
        if (values.length === 0) {
          if (parameter.required) problems.push(`${where} is required`);
          continue;
        }
        problems.push(...this.queryProblems(operation, parameter, values));
      } else if (parameter.in === 'header') {
        // The API key is checked by the authentication step.
        if (parameter.name.toLowerCase() === 'authorization') continue;
        const value = request.header(parameter.name);
        if (value === undefined) {
          if (parameter.required)
            problems.push(`the ${parameter.name} header is required`);
          continue;
        }
        // compared as written: `application/json; charset=utf-8` is not the
        // document's `application/json`
        problems.push(
          ...valueProblems(
            this.parameterValidator(operation, parameter),
            value,
            `the ${parameter.name} header`,
          ),
        );
      } else if (parameter.in === 'path') {
        const value = operation.pathParams[parameter.name];
        problems.push(
          ...valueProblems(
            this.parameterValidator(operation, parameter),
            coerce(parameter.schema, value),
            where,
          ),
        );
      }
    }
    for (const name of new Set(request.query.keys())) {
      if (!known.has(name))
        problems.push(
          `unknown query parameter ${name} (this operation takes ${
            [...known].join(', ') || 'none'
          })`,
        );
    }
    if (spec.requestBody) {
      if (request.body === undefined) {
        if (spec.requestBody.required) problems.push('a JSON body is required');
      } else {
        problems.push(
          ...this.requestErrors(
            operation.template,
            operation.method,
            request.body,
          ),
        );
      }
    }
    return problems;
  }

  /** Errors of a response body against the document, empty when it conforms. */
  responseErrors(
    pathTemplate: string,
    method: string,
    status: number,
    body: unknown,
  ): string[] {
    return this.errors(
      this.responsePointer(pathTemplate, method, status),
      body,
    );
  }

  /** Errors of a request body (JSON unless `mediaType` says otherwise) against the document. */
  requestErrors(
    pathTemplate: string,
    method: string,
    body: unknown,
    mediaType = 'application/json',
  ): string[] {
    const pointer = `/paths/${escape(
      pathTemplate,
    )}/${method}/requestBody/content/${escape(mediaType)}/schema`;
    return this.errors(pointer, body);
  }

  /**
   * The scope a scoped OAuth token needs for an operation, as the document's
   * `x-pd-requires-scope` names it; undefined where it names none.
   */
  requiredScope(operation: MatchedOperation): string | undefined {
    const spec = this.document.paths[operation.template]?.[operation.method];
    const scope = spec?.['x-pd-requires-scope'];
    return typeof scope === 'string' ? scope : undefined;
  }

  /**
   * Where the schema of a response is: the status the operation documents, or
   * its one documented success for another 2xx, or the shared error response
   * for an error the operation does not list (a 429 or a 503 can come from
   * any endpoint).
   */
  private responsePointer(
    pathTemplate: string,
    method: string,
    status: number,
  ): string {
    const responses =
      this.document.paths[pathTemplate]?.[method]?.responses ?? {};
    let key = String(status);
    if (!responses[key] && status >= 200 && status < 300) {
      key = Object.keys(responses).find(k => /^2\d\d$/.test(k)) ?? key;
    }
    const response = responses[key];
    if (response) {
      const base = response.$ref
        ? String(response.$ref).slice(1)
        : `/paths/${escape(pathTemplate)}/${method}/responses/${key}`;
      return `${base}/content/application~1json/schema`;
    }
    const shared =
      ERROR_RESPONSES[status] ?? (status >= 500 ? 'InternalServerError' : '');
    if (!shared)
      throw new Error(
        `The document defines no ${status} for ${method} ${pathTemplate}`,
      );
    return `/components/responses/${shared}/content/application~1json/schema`;
  }

  private parameters(operation: MatchedOperation): Parameter[] {
    const pathItem = this.document.paths[operation.template];
    const resolve = (p: any): Parameter =>
      p.$ref ? resolveRef(this.document, p.$ref) : (p as Parameter);
    const byKey = new Map<string, Parameter>();
    for (const p of [
      ...(pathItem.parameters ?? []),
      ...(pathItem[operation.method].parameters ?? []),
    ]) {
      const parameter = resolve(p);
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
    return [...byKey.values()];
  }

  /** A query parameter's values: several only for array parameters (`name[]`). */
  private queryProblems(
    operation: MatchedOperation,
    parameter: Parameter,
    values: string[],
  ): string[] {
    const where = `query parameter ${parameter.name}`;
    const schema = parameter.schema ?? {};
    const isArray = schema.type === 'array' || parameter.name.endsWith('[]');
    if (!isArray && values.length > 1)
      return [`${where} must be given once, not ${values.length} times`];
    const itemSchema = schema.type === 'array' ? schema.items ?? {} : schema;
    const validate = this.parameterValidator(operation, parameter, itemSchema);
    return values.flatMap(value =>
      valueProblems(validate, coerce(itemSchema, value), where),
    );
  }

  private parameterValidator(
    operation: MatchedOperation,
    parameter: Parameter,
    schema: any = parameter.schema ?? {},
  ): ValidateFunction {
    const key = `${operation.template} ${operation.method} ${parameter.in}:${parameter.name}`;
    let validate = this.cache.get(key);
    if (!validate) {
      // a parameter's schema may $ref the document's components
      validate = this.ajv.compile({
        ...schema,
        ...(schema.$ref ? { $ref: `pagerduty${schema.$ref}` } : {}),
      });
      this.cache.set(key, validate);
    }
    return validate;
  }

  private validator(pointer: string): ValidateFunction | undefined {
    if (this.cache.has(pointer)) return this.cache.get(pointer);
    // a documented response without content (e.g. WebhookBadRequest) constrains no body
    const validate = hasNode(this.document, pointer)
      ? this.ajv.getSchema(`pagerduty#${pointer}`)
      : undefined;
    if (validate) this.cache.set(pointer, validate);
    return validate;
  }

  private errors(pointer: string, body: unknown): string[] {
    const validate = this.validator(pointer);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? []).map(
      e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
}
