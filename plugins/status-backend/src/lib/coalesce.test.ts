import { coalesce, throttle } from './coalesce';

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

describe('throttle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once after a quiet spell, then once per wait under a steady stream', () => {
    const fn = jest.fn();
    const call = throttle(fn, 250);
    call();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let ms = 0; ms < 1000; ms += 10) {
      call();
      jest.advanceTimersByTime(10);
    }
    // the first at once, then one at the end of each of the four windows
    expect(fn).toHaveBeenCalledTimes(5);
    jest.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(5);
    // quiet again: the next call goes out at once
    call();
    expect(fn).toHaveBeenCalledTimes(6);
  });
});
