import { batches } from './batches';

describe('batches', () => {
  it('covers every item once, in order, in batches of at most the size', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    expect([...batches(items, 3)]).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect([...batches(items, 7)]).toEqual([items]);
    expect([...batches([], 3)]).toEqual([]);
  });
});
