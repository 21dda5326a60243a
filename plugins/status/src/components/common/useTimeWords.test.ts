import { readerLocale, timeOfDay } from './useTimeWords';

describe('readerLocale', () => {
  it("writes dates in the app's language, with the browser's region when it speaks that language", () => {
    expect(readerLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(readerLocale('ja', ['en-GB', 'ja-JP'])).toBe('ja-JP');
    // the reader chose Japanese in a browser that does not speak it
    expect(readerLocale('ja', ['en-GB'])).toBe('ja');
    expect(readerLocale(undefined, ['de-DE'])).toBe('de-DE');
  });

  it('writes a time of day in that locale', () => {
    const at = new Date();
    at.setHours(15, 4, 0, 0);
    const iso = at.toISOString();
    expect(timeOfDay(iso, 'en-GB')).toBe('15:04');
    expect(timeOfDay(iso, 'ja')).toBe('15:04');
    expect(timeOfDay(iso, 'en-US')).toMatch(/^03:04\sPM$/);
  });
});
