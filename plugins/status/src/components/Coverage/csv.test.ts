import { csvField, toCsv } from './csv';

describe('CSV', () => {
  it('leaves plain fields as they are', () => {
    expect(csvField('component:default/cart')).toBe('component:default/cart');
    expect(csvField(12)).toBe('12');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling quotes', () => {
    expect(csvField('PagerDuty, Monitoring alerts')).toBe(
      '"PagerDuty, Monitoring alerts"',
    );
    expect(csvField('the "cart" service')).toBe('"the ""cart"" service"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('keeps what a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(
      '"\'=HYPERLINK(""http://x"")"',
    );
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('joins fields with commas and records with CRLF', () => {
    expect(
      toCsv([
        ['Component', 'Monitored by'],
        ['component:default/cart', 'PagerDuty, Monitoring alerts'],
      ]),
    ).toBe(
      'Component,Monitored by\r\ncomponent:default/cart,"PagerDuty, Monitoring alerts"\r\n',
    );
  });
});
