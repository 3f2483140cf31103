import { describe, expect, it } from 'vitest';
import { runChecks } from './engine.js';
import { personalIdRule } from './personal-id.js';

describe('runChecks', () => {
  it('checks each field on its own and reports the field with offsets into its text', () => {
    const findings = runChecks({
      title: '市攻府通知',
      bodyHtml: '<p>联系人：</p><p>电话<b>13812345678</b></p>',
    });
    expect(findings.map((f) => [f.rule, f.field, f.start, f.end])).toEqual([
      ['formulation', 'title', 1, 3],
      ['mobile-number', 'body', 7, 18],
    ]);
  });

  it('does not join numbers across fields', () => {
    expect(runChecks({ title: '138123', summary: '45678' })).toEqual([]);
  });

  it('runs only the rules given', () => {
    const findings = runChecks({ text: '11010519491231002X 13812345678' }, [personalIdRule]);
    expect(findings.map((f) => f.rule)).toEqual(['personal-id']);
  });
});
