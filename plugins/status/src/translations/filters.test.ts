import { FILTER_MESSAGES } from './filters';
import ja from './ja';

describe('the filter bars’ words', () => {
  it('ship in Japanese for every English key, under the ref’s filters section', () => {
    const japanese = ja.messages as Record<string, string | null | undefined>;
    for (const key of Object.keys(FILTER_MESSAGES)) {
      expect([key, typeof japanese[`filters.${key}`]]).toEqual([key, 'string']);
      expect(japanese[`filters.${key}`]).not.toBe(
        FILTER_MESSAGES[key as keyof typeof FILTER_MESSAGES],
      );
    }
    expect(japanese['filters.openStatusTab']).toBe('ステータスタブを開く');
  });
});
