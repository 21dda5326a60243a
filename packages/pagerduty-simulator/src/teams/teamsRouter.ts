import express, { Router } from 'express';
import { teamsMessageProblems } from './validateTeamsMessage';
import { TeamsWorkflows } from './TeamsWorkflows';

/** Teams' limit on a message's size: about 28 KB. */
export const TEAMS_MAX_MESSAGE_BYTES = 28 * 1024;

/** Teams' documented rate limit for webhooks: four posts a second. */
export const TEAMS_POSTS_PER_SECOND = 4;

/**
 * A Teams workflow webhook, as Power Automate serves one: `POST
 * /teams/workflows/{name}/invoke?sig=…` takes `{ type: 'message',
 * attachments: [Adaptive Card] }` and answers 202 with no body. Stricter
 * than Teams in what it reports: a card that breaks the published schema
 * or that the reference parser finds fault with is refused (400) with the
 * reasons, where Teams would post a broken card or drop it silently.
 */
export function createTeamsRouter(options: {
  workflows: TeamsWorkflows;
  now: () => Date;
  log: (message: string) => void;
}): Router {
  const { workflows, now, log } = options;
  const router = Router();
  router.post(
    '/workflows/:name/invoke',
    express.raw({ type: () => true, limit: TEAMS_MAX_MESSAGE_BYTES * 4 }),
    (req, res) => {
      const { name } = req.params;
      if (req.query.sig !== workflows.signature) {
        res.status(401).json({
          error: {
            code: 'DirectApiAuthorizationRequired',
            message: 'The signature of the request is missing or not valid.',
          },
        });
        return;
      }
      const body: Buffer = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.alloc(0);
      if (body.length > TEAMS_MAX_MESSAGE_BYTES) {
        res.status(413).json({
          error: {
            code: 'MessageTooLarge',
            message: `The message has ${body.length} bytes; Teams takes at most ${TEAMS_MAX_MESSAGE_BYTES}.`,
          },
        });
        return;
      }
      const at = now();
      if (!workflows.admit(name, at, TEAMS_POSTS_PER_SECOND)) {
        res.setHeader('Retry-After', '1');
        res.status(429).json({
          error: {
            code: 'TooManyRequests',
            message: 'Rate limit is exceeded.',
          },
        });
        return;
      }
      const fault = workflows.takeFault(name);
      if (fault) {
        if (fault.retryAfterSeconds !== undefined)
          res.setHeader('Retry-After', String(fault.retryAfterSeconds));
        res.status(fault.status).json({
          error: {
            code: 'SimulatedFault',
            message: `Simulated ${fault.status}.`,
          },
        });
        return;
      }
      let message: unknown;
      try {
        if (!/^application\/json\b/i.test(req.get('content-type') ?? ''))
          throw new Error('the content type must be application/json');
        message = JSON.parse(body.toString('utf8'));
      } catch (error) {
        res.status(400).json({
          error: { code: 'InvalidRequestContent', message: String(error) },
        });
        return;
      }
      const problems = teamsMessageProblems(message);
      if (problems.length) {
        log(`Teams workflow ${name} refused a message: ${problems.join('; ')}`);
        res.status(400).json({
          error: { code: 'InvalidAdaptiveCard', message: problems.join('; ') },
        });
        return;
      }
      for (const attachment of (
        message as { attachments: { content: Record<string, unknown> }[] }
      ).attachments)
        workflows.post(name, attachment.content, at);
      res.status(202).end();
    },
  );
  return router;
}
