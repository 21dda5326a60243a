import express, { Request, Response, Router } from 'express';
import {
  PagerDutyOpenApi,
  PAGERDUTY_OPENAPI_DOCUMENTS,
} from '../openapi/PagerDutyOpenApi';
import { OAuthApps } from './OAuthApps';

const FORM = 'application/x-www-form-urlencoded';
const TOKEN_PATH = '/oauth/token';

let contract: PagerDutyOpenApi | undefined;
/** The token endpoint's document, read once per process. */
const oauthContract = () =>
  (contract ??= new PagerDutyOpenApi(PAGERDUTY_OPENAPI_DOCUMENTS.oauth));

/**
 * PagerDuty's token endpoint for Scoped OAuth apps (`POST /oauth/token`, at
 * `identity.pagerduty.com` in production), held to the document in
 * `openapi/oauth-openapiv3.json` both ways: a request that is not a
 * form-encoded client credentials grant is refused with RFC 6749's
 * `invalid_request`, and an answer that breaks the document is replaced by a
 * 500 naming why.
 */
export function createOAuthRouter(options: {
  apps: OAuthApps;
  log: (message: string) => void;
}): Router {
  const router = Router();
  router.use(
    TOKEN_PATH,
    express.urlencoded({ extended: false, limit: '16kb', type: () => true }),
  );
  router.all(TOKEN_PATH, (req: Request, res: Response) => {
    const answer = (status: number, body: object) => {
      const problems = oauthContract().responseErrors(
        TOKEN_PATH,
        'post',
        status,
        body,
      );
      if (problems.length) {
        options.log(
          `simulator token answer (${status}) breaks the contract: ${problems.join(
            '; ',
          )}`,
        );
        res.status(500).json({ error: 'server_error', problems });
        return;
      }
      res.status(status).setHeader('cache-control', 'no-store');
      res.json(body);
    };
    if (req.method !== 'POST') {
      res.status(405).setHeader('allow', 'POST');
      res.end();
      return;
    }
    const contentType = (req.header('content-type') ?? '').split(';')[0].trim();
    if (contentType !== FORM) {
      answer(400, {
        error: 'invalid_request',
        error_description: `Content-Type must be ${FORM}, not ${
          contentType || 'missing'
        }`,
      });
      return;
    }
    const form = req.body as Record<string, unknown>;
    const repeated = Object.entries(form).filter(
      ([, v]) => typeof v !== 'string',
    );
    const problems = [
      ...repeated.map(([name]) => `${name} is given more than once`),
      ...oauthContract().requestErrors(TOKEN_PATH, 'post', form, FORM),
    ];
    if (problems.length) {
      const grantType = form.grant_type;
      const unsupported =
        typeof grantType === 'string' && grantType !== 'client_credentials';
      answer(400, {
        error: unsupported ? 'unsupported_grant_type' : 'invalid_request',
        error_description: problems.join('; '),
      });
      return;
    }
    const result = options.apps.exchange(form as Record<string, string>);
    answer(result.status, result.body);
  });
  return router;
}
