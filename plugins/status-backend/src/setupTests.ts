import waitForExpect from 'wait-for-expect';

// Bounded polls wait for what a test observes, never a fixed time; the bound
// is generous so that a slow, busy machine fails only on a real hang.
waitForExpect.defaults.timeout = 10_000;
