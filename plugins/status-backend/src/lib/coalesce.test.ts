import { coalesce } from './coalesce';

describe('coalesce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once per wait after the first call, even under a steady stream', () => {
    const fn = jest.fn();
    const call = coalesce(fn, 250);
    for (let ms = 0; ms < 1000; ms += 10) {
      call();
      jest.advanceTimersByTime(10);
    }
    expect(fn).toHaveBeenCalledTimes(4);
    jest.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(4);
  });
});
