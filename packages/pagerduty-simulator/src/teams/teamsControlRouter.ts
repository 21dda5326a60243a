import express, { Router } from 'express';
import { z } from 'zod';
import { TeamsWorkflows } from './TeamsWorkflows';

const faultBody = z.object({
  status: z.number().int().min(400).max(599),
  times: z.number().int().min(0).max(100),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
});

/**
 * Under `/_control/teams`: the cards workflows took (`GET /cards`,
 * `?workflow=` for one), forgetting them (`DELETE /cards`), and failing a
 * workflow's next posts (`PUT /faults/{workflow}` with `{ status, times, retryAfterSeconds? }`).
 */
export function createTeamsControlRouter(workflows: TeamsWorkflows): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  router.get('/cards', (req, res) => {
    const workflow =
      typeof req.query.workflow === 'string' ? req.query.workflow : undefined;
    res.json({ cards: workflows.list(workflow) });
  });
  router.delete('/cards', (_req, res) => {
    workflows.clear();
    res.status(204).end();
  });
  router.put('/faults/:workflow', (req, res) => {
    const parsed = faultBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.message });
      return;
    }
    workflows.setFault(req.params.workflow, parsed.data);
    res.status(204).end();
  });
  return router;
}
