import { describe, expect, it } from 'vitest';
import { abbreviate, csvField, describeAuditProblem, diffSummary } from './audit.js';

describe('diffSummary', () => {
  const before = { name: '某市人民政府', phone: '0571-1234', hosts: ['a.gov.cn'], notice: '旧' };

  it('lists only the changed fields, with old and new values', () => {
    const after = { ...before, phone: '0571-9999', hosts: ['a.gov.cn', 'www.a.gov.cn'] };
    expect(diffSummary(before, after, ['name', 'phone', 'hosts'])).toEqual({
      phone: { from: '0571-1234', to: '0571-9999' },
      hosts: { from: ['a.gov.cn'], to: ['a.gov.cn', 'www.a.gov.cn'] },
    });
  });

  it('ignores fields not asked for, and equal arrays and objects', () => {
    const after = { ...before, hosts: ['a.gov.cn'], notice: '新' };
    expect(diffSummary(before, after, ['name', 'hosts'])).toEqual({});
  });

  it('abbreviates long text to 80 characters and says how long it was', () => {
    const long = '文'.repeat(200);
    const summary = diffSummary({ body: 'short' }, { body: long }, ['body']);
    expect(summary).toEqual({ body: { from: 'short', to: `${'文'.repeat(80)}…（共200字）` } });
  });

  it('lists the values set when there is nothing before (a creation)', () => {
    expect(
      diffSummary(null, { name: '新站点', notice: '', phone: '1' }, ['name', 'notice', 'phone']),
    ).toEqual({
      name: '新站点',
      phone: '1',
    });
  });
});

describe('abbreviate', () => {
  it('counts characters, not UTF-16 units, and shortens long JSON of objects', () => {
    expect(abbreviate('𠀀'.repeat(80))).toBe('𠀀'.repeat(80));
    expect(abbreviate({ list: Array.from({ length: 40 }, (_, i) => i) })).toMatch(
      /^\{"list":\[0,1,2.*…（共\d+字）$/,
    );
    expect(abbreviate(42)).toBe(42);
  });
});

describe('csvField', () => {
  it('quotes what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('keeps a spreadsheet from running text as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('-2')).toBe("'-2");
  });
});

describe('describeAuditProblem', () => {
  it('says which records, in English and Chinese', () => {
    expect(describeAuditProblem({ kind: 'changed', id: 17 })).toEqual({
      en: 'record 17 was changed',
      zh: '第 17 条记录被篡改',
    });
    expect(describeAuditProblem({ kind: 'missing', afterId: 20, beforeId: 23 }).en).toBe(
      'records between 20 and 23 are missing',
    );
    expect(describeAuditProblem({ kind: 'missing', afterId: 20, beforeId: 22 }).en).toBe(
      'record 21 is missing',
    );
    expect(describeAuditProblem({ kind: 'inserted', id: 5 }).en).toMatch(/^record 5 was inserted/);
    expect(describeAuditProblem({ kind: 'broken-link', id: 9 }).en).toBe(
      'record 9 does not follow record 8: one of the two was rewritten',
    );
    expect(describeAuditProblem({ kind: 'head-missing' }).en).toMatch(/chain head is missing/);
  });
});
