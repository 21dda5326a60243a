import { StatusEntityLevels } from '@status-layer/plugin-status-common';
import { EntityLevelsLoader } from './EntityLevelsLoader';

const level = (entityRef: string): StatusEntityLevels['levels'][number] => ({
  entityRef,
  effective: 'operational',
  inherited: false,
});

describe('EntityLevelsLoader', () => {
  it('asks once for what is asked in the same moment, 200 at a time, and reuses answers for 30 s', async () => {
    const calls: string[][] = [];
    let now = Date.now();
    const loader = new EntityLevelsLoader(
      {
        getLevels: async refs => {
          calls.push(refs);
          // the backend leaves out what the reader may not see
          return { levels: refs.filter(r => !r.includes('hidden')).map(level) };
        },
      },
      () => now,
    );
    const refs = Array.from(
      { length: 250 },
      (_, i) => `component:default/c${i}`,
    );
    const answers = await Promise.all([
      ...refs.map(r => loader.load(r)),
      loader.load('component:default/hidden'),
      loader.load('component:default/c0'),
    ]);
    expect(calls.map(c => c.length)).toEqual([200, 51]);
    expect(answers[0]).toEqual(level('component:default/c0'));
    expect(answers[250]).toBeNull();
    expect(answers[251]).toEqual(level('component:default/c0'));

    await loader.load('component:default/c1');
    expect(calls).toHaveLength(2);
    now += 30_001;
    await loader.load('component:default/c1');
    expect(calls).toHaveLength(3);
  });

  it('rejects every waiting entity of a failed request, and asks again next time', async () => {
    let fail = true;
    const loader = new EntityLevelsLoader({
      getLevels: async refs => {
        if (fail) throw new Error('503 Service Unavailable');
        return { levels: refs.map(level) };
      },
    });
    await expect(
      Promise.all([
        loader.load('component:default/a'),
        loader.load('component:default/b'),
      ]),
    ).rejects.toThrow('503');
    fail = false;
    await expect(loader.load('component:default/a')).resolves.toEqual(
      level('component:default/a'),
    );
  });
});
