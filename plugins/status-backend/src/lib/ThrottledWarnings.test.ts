import { captureLogs } from '../__testUtils__/capturedLogs';
import { printable, ThrottledWarnings } from './ThrottledWarnings';

describe('ThrottledWarnings', () => {
  it('writes one warning of a kind per interval and says how many it left out', () => {
    const logs = captureLogs();
    let now = Date.now();
    const warnings = new ThrottledWarnings(logs.root, 10_000, () => now);
    for (let i = 0; i < 5; i++) warnings.warn('secret', `refused #${i}`);
    warnings.warn('body', 'bad body');
    now += 10_000;
    warnings.warn('secret', 'refused #5');
    expect(logs.lines.map(l => l.message)).toEqual([
      'refused #0',
      'bad body',
      'refused #5 (and 4 more like it in the last 10 s)',
    ]);
  });

  it('makes request values safe for a log line', () => {
    expect(printable('a\nb\u0000c')).toBe('a?b?c');
    expect(printable('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(printable(undefined)).toBe('');
  });
});
