import { describe, expect, it } from 'vitest';
import { alternativeTexts, builtInSynonyms } from './synonyms.js';

// From a real release (新华网, 2023-11-17): the commission names itself 国家卫生健康委, and a reader types 卫健委.
describe('the short forms a commission uses of itself', () => {
  it('finds 国家卫生健康委 from 卫健委', () => {
    expect(alternativeTexts('卫健委', builtInSynonyms())).toContain('卫生健康委');
  });

  it('still finds the full name', () => {
    expect(alternativeTexts('卫健委', builtInSynonyms())).toContain('卫生健康委员会');
  });
});
