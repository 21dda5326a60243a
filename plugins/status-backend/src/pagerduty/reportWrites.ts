import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyRequestError } from './errors';

/**
 * The PagerDuty user with this e-mail address (compared without regard to
 * case), found as PagerDuty's own integrations find one: `GET /users?query=`
 * matches names and addresses, so the exact address is picked from what it
 * answers. Undefined when the account has no such user.
 */
export async function findPagerDutyUser(
  client: PagerDutyClient,
  email: string,
): Promise<{ id: string; email: string; name?: string } | undefined> {
  const wanted = email.trim().toLocaleLowerCase('en-US');
  if (!wanted) return undefined;
  // one page is plenty: few users share most of an e-mail address
  const users = await client.list<{
    id: string;
    email?: string;
    name?: string;
  }>('/users', { query: wanted }, 'users', {
    maxPages: 1,
    onTruncated: () => {},
  });
  const user = users.find(u => u.email?.toLocaleLowerCase('en-US') === wanted);
  return user?.email
    ? { id: user.id, email: user.email, name: user.name }
    : undefined;
}

/**
 * Opens an incident on a service as a user (`POST /incidents`, `From` their
 * address). `incidentKey` makes PagerDuty refuse a second open incident of
 * the same report; that refusal is answered as `duplicate`.
 */
export async function createIncidentAs(
  client: PagerDutyClient,
  input: {
    from: string;
    serviceId: string;
    title: string;
    details: string;
    urgency: 'high' | 'low';
    incidentKey: string;
  },
): Promise<{ incident: any } | { duplicate: true }> {
  try {
    const incident = await client.post<any>(
      '/incidents',
      {
        incident: {
          type: 'incident',
          title: input.title,
          service: { id: input.serviceId, type: 'service_reference' },
          urgency: input.urgency,
          incident_key: input.incidentKey,
          body: { type: 'incident_body', details: input.details },
        },
      },
      'incident',
      { from: input.from },
    );
    return { incident };
  } catch (error) {
    if (
      error instanceof PagerDutyRequestError &&
      /matching dedup key/i.test([error.message, ...error.details].join(' '))
    )
      return { duplicate: true };
    throw error;
  }
}

/** Adds a note to an incident as a user (`POST /incidents/{id}/notes`). */
export async function addNoteAs(
  client: PagerDutyClient,
  input: { from: string; incidentId: string; content: string },
): Promise<void> {
  await client.post(
    `/incidents/${encodeURIComponent(input.incidentId)}/notes`,
    { note: { content: input.content } },
    'note',
    { from: input.from },
  );
}
