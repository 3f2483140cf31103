import { describe, expect, it } from 'vitest';
import { alternativeTexts, builtInSynonyms, synonymTable } from './synonyms.js';

describe('search synonyms', () => {
  const table = builtInSynonyms();

  it('finds the full name for an official short form and the short form for a full name', () => {
    expect(alternativeTexts('国办', table)).toContain('国务院办公厅');
    expect(alternativeTexts('国务院办公厅', table)).toContain('国办');
    expect(alternativeTexts('发改委', table)).toContain('发展和改革委员会');
    expect(alternativeTexts('人社局', table)).toContain('人力资源和社会保障局');
    expect(alternativeTexts('市人社局通知', table)).toContain('市人力资源和社会保障局通知');
    expect(alternativeTexts('政协委员', table)).toContain('政治协商会议委员');
  });

  it('holds hundreds of pairs and leaves 中国 alone', () => {
    expect(table.forms.length).toBeGreaterThan(300);
    expect(alternativeTexts('中国', table)).toEqual([]);
  });

  it('does not put a full name inside itself', () => {
    expect(alternativeTexts('人民法院', table)).not.toContain('人民人民法院');
  });

  it('takes a site’s own pairs, both ways', () => {
    const site = synonymTable([['一网通办', '政务服务一网通办平台']]);
    expect(alternativeTexts('一网通办', site)).toContain('政务服务一网通办平台');
    expect(alternativeTexts('政务服务一网通办平台', site)).toContain('一网通办');
  });
});
