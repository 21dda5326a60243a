import { statusPagesHealth } from './statusPagesHealth';

describe('statusPagesHealth', () => {
  it("tells each page's state from its freshness source, without the error itself", () => {
    const at = new Date(Date.now());
    const pages = [
      { account: 'default', page: 'Meridian status' },
      { account: 'default', page: 'Internal' },
      { account: 'eu', page: 'New' },
    ];
    expect(
      statusPagesHealth(pages, [
        {
          source: 'status-page:default:Meridian status',
          lastAttemptAt: at,
          lastSuccessAt: new Date(at.getTime() - 60_000),
          failingSince: at,
          lastError: 'PagerDuty answered 403',
          consecutiveFailures: 2,
        },
        {
          source: 'status-page:default:Internal',
          lastAttemptAt: at,
          lastSuccessAt: at,
          consecutiveFailures: 0,
        },
      ]),
    ).toEqual([
      {
        account: 'default',
        page: 'Meridian status',
        state: 'failing',
        lastSuccessAt: new Date(at.getTime() - 60_000).toISOString(),
        failingSince: at.toISOString(),
      },
      {
        account: 'default',
        page: 'Internal',
        state: 'ok',
        lastSuccessAt: at.toISOString(),
      },
      { account: 'eu', page: 'New', state: 'pending' },
    ]);
  });
});
