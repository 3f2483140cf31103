import { describe, expect, it } from 'vitest';
import { runChecks } from './engine.js';
import { evaluatePublishGate, findingKey } from './publish-gate.js';

const findings = runChecks({ title: '市攻府通知', summary: '敏感词测试样例' });
const block = findings.filter((f) => f.severity === 'block');

describe('publish gate', () => {
  it('allows an article with warnings only', () => {
    expect(evaluatePublishGate(runChecks({ text: '敏感词测试样例' }), null)).toEqual({
      allowed: true,
      overridden: [],
    });
  });

  it('blocks an article with a block finding', () => {
    expect(evaluatePublishGate(findings, null)).toMatchObject({
      allowed: false,
      problem: 'blocked',
      blocking: block,
    });
  });

  it('allows an override that gives a reason and acknowledges every block finding', () => {
    const override = { reason: '“攻府”为古籍原文引用，保持原貌', acknowledged: block.map(findingKey) };
    expect(evaluatePublishGate(findings, override)).toEqual({ allowed: true, overridden: block });
  });

  it('refuses an override without a real reason', () => {
    expect(
      evaluatePublishGate(findings, { reason: ' 同意 ', acknowledged: block.map(findingKey) }),
    ).toMatchObject({
      allowed: false,
      problem: 'no-reason',
    });
  });

  it('blocks again when a new block finding appears after the override was given', () => {
    const override = { reason: '古籍原文引用，保持原貌', acknowledged: block.map(findingKey) };
    const edited = runChecks({ title: '市攻府通知', summary: '电话13812345678' });
    const result = evaluatePublishGate(edited, override);
    expect(result).toMatchObject({ allowed: false, problem: 'blocked' });
    expect(result.allowed ? [] : result.blocking.map((f) => f.rule)).toEqual(['mobile-number']);
  });
});
