import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { followReplicas } from './replicas';
import waitForExpect from 'wait-for-expect';

describe('followReplicas', () => {
  it('tells every other replica that signals changed, not the announcing one', async () => {
    const logger = mockServices.logger.mock();
    // the events service of one backend, shared by two replicas' plugins
    const events = DefaultEventsService.create({ logger }).forPlugin('status');
    const refreshed = { a: 0, b: 0 };
    const a = await followReplicas({
      events,
      logger,
      onSignalsChanged: () => refreshed.a++,
    });
    const b = await followReplicas({
      events,
      logger,
      onSignalsChanged: () => refreshed.b++,
    });
    a.announce();
    await waitForExpect(() => expect(refreshed.b).toBe(1));
    b.announce();
    await waitForExpect(() => expect(refreshed.a).toBe(1));
    expect(refreshed).toEqual({ a: 1, b: 1 });
  });

  it('sends the first announcement at once and the rest of a burst as one more event', async () => {
    const logger = mockServices.logger.mock();
    const events = DefaultEventsService.create({ logger }).forPlugin('status');
    const publish = jest.spyOn(events, 'publish');
    let refreshed = 0;
    const replica = await followReplicas({
      events,
      logger,
      onSignalsChanged: () => undefined,
      coalesceMs: 20,
    });
    await followReplicas({
      events,
      logger,
      onSignalsChanged: () => refreshed++,
    });
    for (let i = 0; i < 50; i++) replica.announce();
    expect(publish).toHaveBeenCalledTimes(1);
    await waitForExpect(() => expect(refreshed).toBe(2));
    expect(publish).toHaveBeenCalledTimes(2);
  });
});
