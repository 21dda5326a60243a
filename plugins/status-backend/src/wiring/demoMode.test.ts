import { ConfigReader } from '@backstage/config';
import { isLoopback, listenHost, readDemoMode } from './demoMode';

const config = (status: object, listen?: unknown) =>
  new ConfigReader({
    ...(listen === undefined ? {} : { backend: { listen } }),
    status,
  });

describe('readDemoMode', () => {
  const production = { NODE_ENV: 'production' };

  it('is off unless status.demo.enabled is true, whatever else is set', () => {
    expect(readDemoMode(config({}), { NODE_ENV: 'development' })).toEqual({
      enabled: false,
    });
    // the key that used to turn the demo on no longer does
    expect(
      readDemoMode(config({ demo: { simulator: { enabled: true } } }), {
        NODE_ENV: 'development',
      }),
    ).toEqual({ enabled: false });
    expect(
      readDemoMode(config({ demo: { enabled: false } }, '127.0.0.1:7007'), {
        NODE_ENV: 'development',
      }),
    ).toEqual({ enabled: false });
  });

  it('runs under yarn start (NODE_ENV=development) on every interface', () => {
    expect(
      readDemoMode(config({ demo: { enabled: true } }, { port: 7007 }), {
        NODE_ENV: 'development',
      }),
    ).toEqual({ enabled: true, because: 'NODE_ENV is development' });
  });

  it.each([
    ['127.0.0.1:7007'],
    ['[::1]:7007'],
    ['localhost:7007'],
    [{ host: '127.0.0.2', port: 7007 }],
    [{ host: '::1', port: 7007 }],
  ])('runs in production when the backend listens on loopback (%j)', listen => {
    const mode = readDemoMode(
      config({ demo: { enabled: true } }, listen),
      production,
    );
    expect(mode.enabled).toBe(true);
  });

  it.each([
    [undefined, 'every interface'],
    [':7007', 'every interface'],
    [{ port: 7007 }, 'every interface'],
    ['0.0.0.0:7007', '0.0.0.0'],
    [{ host: '::', port: 7007 }, '::'],
    [{ host: '10.1.2.3', port: 7007 }, '10.1.2.3'],
    [{ host: 'portal.example.com', port: 7007 }, 'portal.example.com'],
  ])(
    'is refused, saying why, in production listening on %j',
    (listen, where) => {
      const mode = readDemoMode(
        config({ demo: { enabled: true } }, listen),
        production,
      );
      expect(mode).toEqual({
        enabled: false,
        refusal: expect.stringContaining(`listens on ${where} and NODE_ENV`),
      });
    },
  );

  it('is refused with the production config file over the embedded defaults', () => {
    // app-config.yaml asks for the demo, app-config.production.yaml turns it off
    const merged = ConfigReader.fromConfigs([
      {
        context: 'app-config.yaml',
        data: {
          backend: { listen: { port: 7007 } },
          status: { demo: { enabled: true } },
        },
      },
      {
        context: 'app-config.production.yaml',
        data: {
          backend: { listen: ':7007' },
          status: { demo: { enabled: false } },
        },
      },
    ]);
    expect(readDemoMode(merged, { NODE_ENV: 'development' })).toEqual({
      enabled: false,
    });
  });
});

describe('listenHost and isLoopback', () => {
  it('read the host the way the backend binds it', () => {
    expect(listenHost(config({}, ':7007'))).toBe('');
    expect(listenHost(config({}, '[::1]:7007'))).toBe('::1');
    expect(listenHost(config({}, { host: ' 127.0.0.1 ' }))).toBe('127.0.0.1');
    expect(isLoopback('')).toBe(false);
    expect(isLoopback('127.10.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('1270.0.0.1')).toBe(false);
    expect(isLoopback('localhost.example.com')).toBe(false);
  });
});
