import { act, renderHook, waitFor } from '@testing-library/react';
import { usePolling } from './usePolling';

describe('usePolling', () => {
  it('reads again every interval, keeping the last value when a read fails', async () => {
    const answers: (number | Error)[] = [1, new Error('network down'), 3];
    const read = jest.fn(async () => {
      const next = answers.shift() ?? 3;
      if (next instanceof Error) throw next;
      return next;
    });
    const { result } = renderHook(() => usePolling(read, [], 200));
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.value).toBe(1));
    await waitFor(() =>
      expect(result.current.error?.message).toBe('network down'),
    );
    expect(result.current.value).toBe(1); // still on screen
    await waitFor(() => expect(result.current.value).toBe(3));
    expect(result.current.error).toBeUndefined();
  });

  it('stops reading when unmounted', async () => {
    jest.useFakeTimers();
    try {
      const read = jest.fn(async () => 1);
      const { result, unmount } = renderHook(() => usePolling(read, [], 10));
      await waitFor(() => expect(result.current.value).toBe(1));
      const readsBefore = read.mock.calls.length;
      await act(() => jest.advanceTimersByTimeAsync(10));
      expect(read.mock.calls.length).toBe(readsBefore + 1);
      unmount();
      await act(() => jest.advanceTimersByTimeAsync(1_000));
      expect(read.mock.calls.length).toBe(readsBefore + 1);
    } finally {
      jest.useRealTimers();
    }
  });
});
