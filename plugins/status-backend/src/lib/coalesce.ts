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
