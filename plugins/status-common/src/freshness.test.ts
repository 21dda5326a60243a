import { describePartFreshness, StatusPartFreshness } from './freshness';

const time = (iso: string) => iso.slice(11, 16);
const part = (
  overrides: Partial<StatusPartFreshness>,
): StatusPartFreshness => ({
  part: 'oncalls',
  lastSuccessAt: '2031-05-04T10:40:00.000Z',
  lastAttemptAt: '2031-05-04T10:40:00.000Z',
  lastError: null,
  failingSince: null,
  stale: false,
  ...overrides,
});

describe('describePartFreshness', () => {
  it('says nothing of a fresh part', () => {
    expect(describePartFreshness(part({}), time)).toBeUndefined();
  });

  it('names a failed read at once, with the time of the data still shown', () => {
    expect(
      describePartFreshness(
        part({
          lastError: 'PagerDuty answered 400 to GET /oncalls',
          failingSince: '2031-05-04T10:42:00.000Z',
        }),
        time,
      ),
    ).toBe(
      'The last read of on-call failed (PagerDuty answered 400 to GET /oncalls); showing what was read at 10:40',
    );
  });

  it('says what is unknown, why and since when once the part is stale', () => {
    expect(
      describePartFreshness(
        part({
          stale: true,
          lastError: 'PagerDuty answered 400 to GET /oncalls.',
          failingSince: '2031-05-04T10:42:00.000Z',
        }),
        time,
      ),
    ).toBe(
      'On-call unknown: PagerDuty answered 400 to GET /oncalls since 10:42',
    );
    expect(
      describePartFreshness(
        part({ part: 'incidents', stale: true, lastError: null }),
        time,
      ),
    ).toBe('Incidents may be out of date: no successful read since 10:40');
  });

  it('says a part left out is not read, since when and why, at once', () => {
    const reason =
      'the open incidents could not be read from PagerDuty, and alerts are read per open incident';
    expect(
      describePartFreshness(
        part({
          part: 'alerts',
          stale: true,
          skipped: true,
          lastError: reason,
        }),
        time,
      ),
    ).toBe(
      "PagerDuty's alerts may be out of date: not read since 10:40, because the open incidents could not be read from PagerDuty, and alerts are read per open incident",
    );
    expect(
      describePartFreshness(
        part({
          part: 'notes',
          stale: true,
          skipped: true,
          lastSuccessAt: null,
          lastAttemptAt: null,
          lastError: 'the open incidents could not be read from PagerDuty',
        }),
        time,
      ),
    ).toBe(
      'Incident notes may be out of date: not read yet, because the open incidents could not be read from PagerDuty',
    );
  });
});
