import { Router } from 'express';
import { AccountState } from './state';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/**
 * Minimal HTML pages behind the simulated `html_url`s, so that links to
 * "PagerDuty" in the demo lead somewhere readable.
 */
export function createWebPages(state: AccountState): Router {
  const router = Router();
  const page = (title: string, rows: [string, string][]) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${escape(
      title,
    )} · simulated PagerDuty</title></head>` +
    `<body style="font-family:sans-serif;max-width:48rem;margin:2rem auto"><p><strong>Simulated PagerDuty</strong> — demo data, not a real account.</p>` +
    `<h1>${escape(title)}</h1><table>${rows
      .map(
        ([k, v]) =>
          `<tr><th align="left">${escape(k)}</th><td>${escape(v)}</td></tr>`,
      )
      .join('')}</table></body></html>`;

  router.get('/incidents/:id', (req, res) => {
    const incident = state.incidents.get(req.params.id);
    if (!incident) {
      res.status(404).send(page('Incident not found', []));
      return;
    }
    res.send(
      page(`#${incident.number} ${incident.title}`, [
        [
          'Service',
          state.services.get(incident.serviceId)?.name ?? incident.serviceId,
        ],
        ['Status', incident.status],
        ['Urgency', incident.urgency],
        [
          'Priority',
          state.priorities.find(p => p.id === incident.priorityId)?.name ?? '—',
        ],
        ['Created', incident.createdAt.toISOString()],
        [
          'Assigned to',
          incident.assigneeIds
            .map(id => state.users.get(id)?.name ?? id)
            .join(', '),
        ],
      ]),
    );
  });

  router.get('/service-directory/:id', (req, res) => {
    const service = state.services.get(req.params.id);
    if (!service) {
      res.status(404).send(page('Service not found', []));
      return;
    }
    const open = state.openIncidents().filter(i => i.serviceId === service.id);
    res.send(
      page(service.name, [
        ['Description', service.description],
        ['Team', state.teams.get(service.teamId)?.name ?? ''],
        ['Open incidents', String(open.length)],
      ]),
    );
  });

  router.use((_req, res) => {
    res.send(
      page('Simulated PagerDuty', [['', 'This page is not simulated.']]),
    );
  });
  return router;
}
