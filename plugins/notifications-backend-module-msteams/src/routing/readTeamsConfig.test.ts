import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readTeamsConfig } from './readTeamsConfig';

const read = (msteams: JsonObject) =>
  readTeamsConfig(
    new ConfigReader({ notifications: { processors: { msteams } } }),
  );

const SECRET =
  'https://example.webhook.office.com/workflows/abc/invoke?sig=s3cret-sig';

describe('readTeamsConfig', () => {
  it('is undefined without config, and has defaults', () => {
    expect(readTeamsConfig(new ConfigReader({}))).toBeUndefined();
    expect(read({ webhooks: { a: { url: SECRET } } })).toEqual({
      webhooks: new Map([['a', SECRET]]),
      topics: new Map(),
      broadcast: [],
      annotationUrls: true,
      language: 'en',
      retries: 3,
      retryDelayMs: 1000,
      timeoutMs: 10_000,
      maxQueued: 1000,
    });
  });

  it('joins the routes of one topic', () => {
    const config = read({
      webhooks: { a: { url: SECRET }, b: { url: SECRET } },
      topics: [
        { topic: 'Upstream outages', webhooks: ['a'] },
        { topic: 'Upstream outages', webhooks: ['b'] },
      ],
    });
    expect(config!.topics.get('Upstream outages')).toEqual(['a', 'b']);
  });

  it.each([
    [
      'webhooks.a.url must be an https URL',
      { webhooks: { a: { url: 'http://example.com/x?sig=s3cret-sig' } } },
    ],
    [
      'topics[0].webhooks names the webhook "b"',
      {
        webhooks: { a: { url: SECRET } },
        topics: [{ topic: 't', webhooks: ['b'] }],
      },
    ],
    [
      'broadcast names the webhook "c"',
      { webhooks: { a: { url: SECRET } }, broadcast: ['c'] },
    ],
    ['language must be en or ja', { language: 'fr' }],
    ['retries must be a whole number from 0 to 10', { retries: 11 }],
    ['timeoutMs must be a whole number from 100 to 60000', { timeoutMs: 5 }],
  ] as [string, JsonObject][])(
    'says "%s", never showing a URL',
    (message, msteams) => {
      let error: Error | undefined;
      try {
        read(msteams);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toContain(message);
      expect(error?.message).not.toContain('s3cret-sig');
    },
  );
});
