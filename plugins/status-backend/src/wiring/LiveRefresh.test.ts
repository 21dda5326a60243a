import { mockServices } from '@backstage/backend-test-utils';
import waitForExpect from 'wait-for-expect';
import { StatusEngine } from '../engine/StatusEngine';
import { LivePush } from '../service/livePush';
import { LiveRefresh } from './LiveRefresh';

describe('LiveRefresh', () => {
  function setUp(options: { ready: boolean; failing?: boolean }) {
    const order: string[] = [];
    const engine = {
      ready: options.ready,
      refreshSignals: jest.fn(async () => {
        order.push('refresh');
        if (options.failing) throw new Error('database gone');
        return [];
      }),
    } as unknown as StatusEngine;
    const livePush = {
      changed: jest.fn((refs?: Iterable<string>) =>
        order.push(refs ? `push ${[...refs].sort().join(',')}` : 'push all'),
      ),
    } as unknown as LivePush;
    const logger = mockServices.logger.mock();
    const refresh = new LiveRefresh({
      engine: () => engine,
      livePush,
      logger,
      coalesceMs: 1,
    });
    return { order, engine, refresh, logger };
  }

  it('refreshes at once after a quiet spell, once more for the rest of a burst, then pushes what changed', async () => {
    const { order, engine, refresh } = setUp({ ready: true });
    refresh.changed(['b']);
    refresh.changed(['a', 'c']);
    refresh.changed(['a']);
    await waitForExpect(() =>
      expect(order).toEqual(['refresh', 'push b', 'refresh', 'push a,c']),
    );
    expect(engine.refreshSignals).toHaveBeenCalledTimes(2);
    // an unnamed change wins over named ones in the same burst
    await new Promise(resolve => setTimeout(resolve, 5));
    refresh.changed(['c']);
    refresh.changed(['d']);
    refresh.changed();
    await waitForExpect(() =>
      expect(order.slice(4)).toEqual([
        'refresh',
        'push c',
        'refresh',
        'push all',
      ]),
    );
  });

  it("pushes nothing for another replica's news, a bare hint for a change of no entity, and still pushes when a refresh fails", async () => {
    const { order, refresh, logger } = setUp({ ready: true, failing: true });
    refresh.refreshOnly();
    await waitForExpect(() => expect(order).toEqual(['refresh']));
    refresh.changed(['a']);
    await waitForExpect(() =>
      expect(order).toEqual(['refresh', 'refresh', 'push a']),
    );
    refresh.changed([]);
    await waitForExpect(() =>
      expect(order).toEqual([
        'refresh',
        'refresh',
        'push a',
        'refresh',
        'push ',
      ]),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('database gone'),
    );
  });

  it('does not refresh an engine that has not read the catalog yet', async () => {
    const { order, engine, refresh } = setUp({ ready: false });
    refresh.changed(['a']);
    await waitForExpect(() => expect(order).toEqual(['push a']));
    expect(engine.refreshSignals).not.toHaveBeenCalled();
  });

  it('lets a read wait until the news received before it is applied', async () => {
    const { order, refresh } = setUp({ ready: true });
    // nothing pending: at once
    await refresh.current();
    refresh.refreshOnly();
    const read = refresh.current().then(() => order.push('read'));
    await read;
    expect(order).toEqual(['refresh', 'read']);
    // a failed refresh does not hold reads forever either
    const failing = setUp({ ready: true, failing: true });
    failing.refresh.changed(['a']);
    await failing.refresh.current();
    expect(failing.order[0]).toBe('refresh');
  });

  it('gives up waiting after the bound', async () => {
    const { refresh } = setUp({ ready: true });
    // a refresh that never starts: the coalescing timer is far away
    const slow = new LiveRefresh({
      engine: () => undefined,
      livePush: { changed: jest.fn() } as unknown as LivePush,
      logger: mockServices.logger.mock(),
      coalesceMs: 60_000,
    });
    slow.changed(['a']);
    const started = Date.now();
    await slow.current(50);
    expect(Date.now() - started).toBeLessThan(5_000);
    await refresh.current();
  });
});
