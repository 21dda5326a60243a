import { titleSimilarity, titleWords } from './similarity';

describe('titleSimilarity', () => {
  it('compares the distinguishing words of two titles, ignoring numbers, IDs and common words', () => {
    expect([
      ...titleWords('Login failing: auth-service answers 503 on /oauth/token'),
    ]).toEqual([
      'login',
      'failing',
      'auth',
      'service',
      'answers',
      'oauth',
      'token',
    ]);
    expect(
      titleSimilarity(
        'Login failing: auth-service answers 503 on /oauth/token',
        'Login failing: auth-service answers 502 on /oauth/token for 12% of users',
      ),
    ).toBeCloseTo(7 / 8);
    expect(
      titleSimilarity(
        'auth-service: disk usage above 90%',
        'Login failing: auth-service answers 503',
      ),
    ).toBeCloseTo(2 / 7);
    expect(titleSimilarity('Checkout slow', 'Disk full')).toBe(0);
    expect(titleSimilarity('503', 'P1 42')).toBe(0);
  });

  it("leaves out words every title of a service repeats, such as the service's name", () => {
    const ignore = titleWords('auth-service');
    expect(
      titleSimilarity(
        'auth-service: disk usage above 90%',
        'Login failing: auth-service answers 503',
        ignore,
      ),
    ).toBe(0);
    expect(
      titleSimilarity(
        'auth-service login failing',
        'Login failing on auth-service',
        ignore,
      ),
    ).toBe(1);
  });
});
