import { mockServices } from '@backstage/backend-test-utils';
import { StatusStore } from '../database';
import { UserViews } from './UserViews';

describe('UserViews', () => {
  it('saves a view again when an entity came or went, so that it covers the newcomer', async () => {
    const saved: { hiddenRefs: string[]; seenAt: Date }[] = [];
    const store = {
      notifications: {
        saveUserView: async (view: { hiddenRefs: string[]; seenAt: Date }) => {
          saved.push(view);
        },
      },
    } as unknown as StatusStore;
    let catalog = { refs: ['component:default/a'], generation: 1 };
    const views = new UserViews({
      store,
      catalog: () => catalog,
      logger: mockServices.logger.mock(),
    });
    const sam = 'user:default/sam';
    await views.seen(sam, new Set(['component:default/a']));
    // the same answer again, nothing changed: nothing to save
    await views.seen(sam, new Set(['component:default/a']));
    expect(saved).toHaveLength(1);
    // b comes; sam may read it: the hidden list is the same, the view is not
    catalog = {
      refs: ['component:default/a', 'component:default/b'],
      generation: 2,
    };
    await views.seen(sam, new Set(catalog.refs));
    expect(saved).toHaveLength(2);
    expect(saved[1].hiddenRefs).toEqual([]);
  });
});
