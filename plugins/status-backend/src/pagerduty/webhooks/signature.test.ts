import { createHmac } from 'node:crypto';
import { verifyPagerDutySignature } from './signature';

const body = Buffer.from('{"event":{"id":"01DV2TEAF9CREDT9B8O5G4BY4T"}}');
const sign = (secret: string, raw: Buffer = body) =>
  `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;
const secrets = [
  { secret: 'us-secret', account: 'default' },
  { secret: 'eu-secret', account: 'eu' },
];

describe('verifyPagerDutySignature', () => {
  it("accepts a body signed with a configured secret, naming that secret's account", () => {
    expect(verifyPagerDutySignature(body, sign('eu-secret'), secrets)).toEqual({
      secret: 'eu-secret',
      account: 'eu',
    });
  });

  it('accepts either signature while a secret rotates', () => {
    const header = `${sign('old-secret')},${sign('us-secret')}`;
    expect(verifyPagerDutySignature(body, header, secrets)?.account).toBe(
      'default',
    );
  });

  it('refuses a tampered body, a wrong secret, a missing or malformed header', () => {
    const tampered = Buffer.from(body.toString().replace('4T', '4U'));
    expect(
      verifyPagerDutySignature(tampered, sign('us-secret'), secrets),
    ).toBeUndefined();
    expect(
      verifyPagerDutySignature(body, sign('wrong'), secrets),
    ).toBeUndefined();
    expect(verifyPagerDutySignature(body, undefined, secrets)).toBeUndefined();
    expect(
      verifyPagerDutySignature(
        body,
        sign('us-secret').replace('v1=', 'v0='),
        secrets,
      ),
    ).toBeUndefined();
    expect(
      verifyPagerDutySignature(body, sign('us-secret'), []),
    ).toBeUndefined();
  });
});
