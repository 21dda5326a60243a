import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { PostedCards, REMEMBER_DAYS } from './PostedCards';

jest.setTimeout(60_000);

describe('PostedCards', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps the last card per webhook and scope, forgets only the card it was told, and prunes old ones', async () => {
      const knex = await databases.init(databaseId);
      let now = new Date();
      const open = () =>
        PostedCards.create({
          database: mockServices.database({
            knex,
            migrations: { skip: false },
          }),
          now: () => now,
        });
      const cards = await open();
      const longScope = `status:upstream-outage:${'x'.repeat(1000)}`;
      expect(await cards.lastPosted('hook-a', longScope)).toBeUndefined();
      await cards.remember('hook-a', longScope, 'card-1');
      await cards.remember('hook-b', longScope, 'card-9');
      await cards.remember('hook-a', longScope, 'card-2');
      expect(await cards.lastPosted('hook-a', longScope)).toBe('card-2');
      expect(await cards.lastPosted('hook-b', longScope)).toBe('card-9');
      // a failed card-1 does not undo card-2
      await cards.forget('hook-a', longScope, 'card-1');
      expect(await cards.lastPosted('hook-a', longScope)).toBe('card-2');
      await cards.forget('hook-a', longScope, 'card-2');
      expect(await cards.lastPosted('hook-a', longScope)).toBeUndefined();
      // the scope is kept as a digest, never as written
      const rows = await knex('msteams_posted_cards').select();
      expect(JSON.stringify(rows)).not.toContain('upstream-outage');

      // after the remembered days, a restart prunes it
      now = new Date(now.getTime() + (REMEMBER_DAYS + 1) * 24 * 3_600_000);
      const later = await open();
      expect(await later.lastPosted('hook-b', longScope)).toBeUndefined();
    });
  });
});
