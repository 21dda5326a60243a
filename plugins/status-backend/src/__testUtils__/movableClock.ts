/** A clock that starts now and moves only when the test says so. */
export function movableClock() {
  let nowMs = Date.now();
  return {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}
