import { mockServices } from '@backstage/backend-test-utils';
import { STATUS_SIGNAL_CHANNEL } from '@status-layer/plugin-status-common';
import waitForExpect from 'wait-for-expect';
import { LivePush } from './livePush';

function recordingSignals() {
  const sent: { channel: string; scope: string; recipients: unknown }[] = [];
  return {
    sent,
    signals: {
      publish: async (signal: any) => {
        sent.push({
          channel: signal.channel,
          scope: signal.message.scope,
          recipients: signal.recipients,
        });
      },
    },
  };
}

describe('LivePush', () => {
  const channelOf = (ref: string) => `status:hmac-of-${ref}`;

  const workInHandDone = () => new Promise(resolve => setImmediate(resolve));

  it("pushes the first change once the work in hand is done and gathers the rest of a burst into one message per channel: the shared hint, each entity's and its dependents'", async () => {
    const { sent, signals } = recordingSignals();
    const push = new LivePush(signals, mockServices.logger.mock(), {
      channelOf,
      shownBy: ref => (ref === 'auth' ? ['cart', 'checkout'] : []),
      gatherMs: 20,
    });
    push.changed(['search']);
    push.changed(['search']);
    expect(sent).toEqual([]);
    // without waiting for more: what the same turn announced is one message
    await workInHandDone();
    expect(sent.map(s => s.channel).sort()).toEqual(
      [STATUS_SIGNAL_CHANNEL, channelOf('search')].sort(),
    );
    push.changed(['auth']);
    push.changed(['auth', 'search']);
    await waitForExpect(() => expect(sent).toHaveLength(7));
    expect(
      sent
        .slice(2)
        .map(s => [s.channel, s.scope])
        .sort(),
    ).toEqual(
      [
        [STATUS_SIGNAL_CHANNEL, 'some'],
        [channelOf('auth'), 'some'],
        [channelOf('cart'), 'some'],
        [channelOf('checkout'), 'some'],
        [channelOf('search'), 'some'],
      ].sort(),
    );
    // the shared channel names nothing; entity channels are opaque names
    expect(
      JSON.stringify(sent.filter(s => s.channel === STATUS_SIGNAL_CHANNEL)),
    ).not.toMatch(/auth|search|cart/);
  });

  it('tells only the shared channel of a change no entity shows', async () => {
    const { sent, signals } = recordingSignals();
    const push = new LivePush(signals, mockServices.logger.mock(), {
      channelOf,
      gatherMs: 1,
    });
    push.changed([]);
    await workInHandDone();
    expect(sent).toEqual([
      expect.objectContaining({
        channel: STATUS_SIGNAL_CHANNEL,
        scope: 'some',
      }),
    ]);
  });

  it('looks up no dependents once a change is too wide to name', async () => {
    const { sent, signals } = recordingSignals();
    const shownBy = jest.fn((ref: string) => [`${ref}-dependent`]);
    const push = new LivePush(signals, mockServices.logger.mock(), {
      channelOf,
      shownBy,
      gatherMs: 1,
    });
    push.changed(Array.from({ length: 5000 }, (_, i) => `entity-${i}`));
    await waitForExpect(() => expect(sent).toHaveLength(1));
    expect(sent[0].scope).toBe('all');
    expect(shownBy).not.toHaveBeenCalled();
  });

  it('says "read everything again" on the shared channel alone for an unnamed change or a very wide one', async () => {
    const { sent, signals } = recordingSignals();
    const push = new LivePush(signals, mockServices.logger.mock(), {
      channelOf,
      gatherMs: 1,
    });
    push.changed();
    await waitForExpect(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      channel: STATUS_SIGNAL_CHANNEL,
      scope: 'all',
    });

    push.changed(Array.from({ length: 201 }, (_, i) => `entity-${i}`));
    await waitForExpect(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({
      channel: STATUS_SIGNAL_CHANNEL,
      scope: 'all',
    });
  });

  it('logs and goes on when the signals service fails', async () => {
    const logger = mockServices.logger.mock();
    const push = new LivePush(
      { publish: async () => Promise.reject(new Error('bus down')) },
      logger,
      { channelOf, gatherMs: 1 },
    );
    push.changed(['auth']);
    await waitForExpect(() =>
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('bus down'),
      ),
    );
  });
});
