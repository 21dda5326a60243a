/**
 * Runs `fn` once, `waitMs` after the first of a burst of calls: unlike a
 * debounce, a steady stream of calls still runs it every `waitMs`.
 */
export function coalesce(fn: () => void, waitMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, waitMs);
    // a pending run never keeps the process alive
    timer.unref?.();
  };
}

/**
 * Runs `fn` at once on the first call, then at most once per `waitMs`: calls
 * inside a window become one run at its end. Unlike {@link coalesce}, news
 * after a quiet spell goes out without delay.
 */
export function throttle(fn: () => void, waitMs: number): () => void {
  let windowTimer: ReturnType<typeof setTimeout> | undefined;
  let calledInWindow = false;
  const openWindow = () => {
    windowTimer = setTimeout(() => {
      windowTimer = undefined;
      if (calledInWindow) {
        calledInWindow = false;
        fn();
        openWindow();
      }
    }, waitMs);
    windowTimer.unref?.();
  };
  return () => {
    if (windowTimer) {
      calledInWindow = true;
      return;
    }
    fn();
    openWindow();
  };
}
