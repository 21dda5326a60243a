import { Router } from 'express';
import { TeamsWorkflows } from './TeamsWorkflows';

const escape = (s: unknown) =>
  String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

type CardNode = {
  type?: string;
  text?: string;
  color?: string;
  items?: CardNode[];
  facts?: { title: string; value: string }[];
};

const COLOURS: Record<string, string> = {
  attention: '#a4262c',
  warning: '#8a5a00',
  accent: '#0f548c',
  good: '#107c10',
};

function element(node: CardNode): string {
  if (node.type === 'Container')
    return (node.items ?? []).map(element).join('');
  if (node.type === 'FactSet')
    return `<dl>${(node.facts ?? [])
      .map(f => `<dt>${escape(f.title)}</dt><dd>${escape(f.value)}</dd>`)
      .join('')}</dl>`;
  if (node.type === 'TextBlock')
    return `<p style="color:${
      COLOURS[node.color?.toLowerCase() ?? ''] ?? 'inherit'
    }">${escape(node.text ?? '')}</p>`;
  return '';
}

/**
 * `/web/teams`: the cards the simulated workflows took, drawn plainly
 * (text, facts, buttons), newest first: what each channel would show.
 */
export function createTeamsWebPage(workflows: TeamsWorkflows): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const cards = workflows.list().reverse();
    const items = cards
      .map(({ workflow, receivedAt, card }) => {
        const body = (card.body as CardNode[] | undefined) ?? [];
        const actions =
          (card.actions as { title: string; url: string }[] | undefined) ?? [];
        const buttons = actions
          .filter(a => /^https?:\/\//.test(a.url))
          .map(a => `<p><a href="${escape(a.url)}">${escape(a.title)}</a></p>`)
          .join('');
        return `<article style="border:1px solid #ccc;border-radius:6px;padding:0 1rem;margin:1rem 0"><p><small>${escape(
          workflow,
        )} · ${escape(receivedAt)}</small></p>${body
          .map(element)
          .join('')}${buttons}</article>`;
      })
      .join('');
    res.send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams cards · simulated</title></head>` +
        `<body style="font-family:sans-serif;max-width:48rem;margin:2rem auto"><main><p><strong>Simulated Microsoft Teams</strong> — the cards workflows would post to their channels.</p>` +
        `<h1>Teams cards</h1>${
          items || '<p>No card yet.</p>'
        }</main></body></html>`,
    );
  });
  return router;
}
