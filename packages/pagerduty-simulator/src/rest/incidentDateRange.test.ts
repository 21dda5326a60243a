import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;
const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const isLeap = (year: number) =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

describe('the date range of the incident list', () => {
  let sim: PagerDutySimulator;

  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 3 });
  });
  afterAll(() => sim.close());

  const status = async (since: Date, until: Date, extra = '') =>
    (
      await fetch(
        `${sim.url}/incidents?since=${iso(since)}&until=${iso(
          until,
        )}&limit=1${extra}`,
        { headers: pagerDutyRequestHeaders() },
      )
    ).status;

  // a year of the past whose next year is not a leap year: its 1 September
  // to 1 March is six months of 181 days
  const year =
    new Date().getUTCFullYear() -
    [2, 3, 4, 5].find(back => !isLeap(new Date().getUTCFullYear() - back + 1))!;

  it('takes a range of six calendar months, and not a second more', async () => {
    const since = new Date(Date.UTC(year, 8, 1));
    const sixMonths = new Date(Date.UTC(year + 1, 2, 1));
    expect((sixMonths.getTime() - since.getTime()) / DAY_MS).toBe(181);
    expect(await status(since, sixMonths)).toBe(200);
    expect(await status(since, new Date(sixMonths.getTime() + 1000))).toBe(400);
    // 182 days: within 183, yet more than these six months
    expect(await status(since, new Date(since.getTime() + 182 * DAY_MS))).toBe(
      400,
    );
  });

  it('takes at most 183 days, even when six calendar months are longer', async () => {
    const since = new Date(Date.UTC(year, 6, 1));
    // 1 July to 1 January is 184 days
    expect((Date.UTC(year + 1, 0, 1) - since.getTime()) / DAY_MS).toBe(184);
    expect(await status(since, new Date(since.getTime() + 183 * DAY_MS))).toBe(
      200,
    );
    expect(
      await status(since, new Date(since.getTime() + 183 * DAY_MS + 1000)),
    ).toBe(400);
  });

  it('ends six months at the end of a shorter month', async () => {
    // 31 August + 6 months is the end of February, not 3 March
    const since = new Date(Date.UTC(year, 7, 31));
    const endOfFebruary = new Date(Date.UTC(year + 1, 1, 28));
    expect(await status(since, endOfFebruary)).toBe(200);
    expect(await status(since, new Date(Date.UTC(year + 1, 2, 1)))).toBe(400);
  });

  it('ignores since and until with date_range=all, as documented', async () => {
    const since = new Date(Date.UTC(year - 2, 0, 1));
    expect(
      await status(since, new Date(Date.UTC(year, 0, 1)), '&date_range=all'),
    ).toBe(200);
  });
});
