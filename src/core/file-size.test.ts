import { describe, expect, it } from 'vitest';
import { formatSize } from './file-size.js';

describe('formatSize', () => {
  it('reads bytes, then KB and MB with one decimal', () => {
    expect(formatSize(812)).toBe('812 B');
    expect(formatSize(12_595)).toBe('12.3 KB');
    expect(formatSize(3_565_158)).toBe('3.4 MB');
  });
});
