import fs from 'node:fs';
import path from 'node:path';
import {
  lacksScopesSentence,
  missingScopes,
  PAGERDUTY_OAUTH_SCOPES,
} from './scopes';

describe('the scopes a Scoped OAuth app needs', () => {
  it('are the ones the README lists', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../../README.md'),
      'utf8',
    );
    const table = readme.slice(readme.indexOf('<!-- oauth-scopes'));
    const listed = [
      ...table.slice(0, table.indexOf('```')).matchAll(/^\| `([a-z_:.]+)`/gm),
    ].map(m => m[1]);
    expect(listed).toEqual([...PAGERDUTY_OAUTH_SCOPES]);
  });

  it('are all there for a REST API key, which is not scoped', () => {
    expect(missingScopes(['oncalls.read'], undefined)).toEqual([]);
    expect(
      missingScopes(['oncalls.read'], new Set(['incidents.read'])),
    ).toEqual(['oncalls.read']);
  });

  it('are named in plain words when missing', () => {
    expect(lacksScopesSentence(['oncalls.read'])).toBe(
      'the PagerDuty app lacks the scope `oncalls.read`',
    );
    expect(lacksScopesSentence(['a.read', 'b.read'])).toBe(
      'the PagerDuty app lacks the scopes `a.read` and `b.read`',
    );
  });
});
