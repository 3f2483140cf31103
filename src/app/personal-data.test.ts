import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPersonalDataVault } from './personal-data.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-pii-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('personal data vault', () => {
  it('creates its key file on first use, readable by the owner only, and seals with AES-256-GCM', () => {
    const file = join(tempDir(), 'keys', 'pii.key');
    const vault = openPersonalDataVault(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = vault.seal({ name: '张三', phone: '13812341234' }, 'message:1');
    expect(sealed).not.toContain('张三');
    expect(sealed).not.toContain('13812341234');
    expect(sealed.startsWith(`pd1.${vault.currentKeyId}.`)).toBe(true);
    expect(vault.open(sealed, 'message:1')).toEqual({ name: '张三', phone: '13812341234' });
    // The same key file opens it in another process.
    expect(openPersonalDataVault(file).open(sealed, 'message:1')).toEqual({
      name: '张三',
      phone: '13812341234',
    });
  });

  it('refuses a seal moved to another row, a changed byte and a missing key', () => {
    const dir = tempDir();
    const vault = openPersonalDataVault(join(dir, 'pii.key'));
    const sealed = vault.seal({ email: 'a@example.cn' }, 'message:1');
    expect(() => vault.open(sealed, 'message:2')).toThrow(/does not open/);
    const last = sealed.slice(-2);
    const changed = sealed.slice(0, -2) + (last === 'AA' ? 'AB' : 'AA');
    expect(() => vault.open(changed, 'message:1')).toThrow(/does not open/);
    const other = openPersonalDataVault(join(dir, 'other.key'));
    expect(() => other.open(sealed, 'message:1')).toThrow(/no key/);
  });

  it('rotates: new seals use the new key, old seals still open', () => {
    const file = join(tempDir(), 'pii.key');
    const vault = openPersonalDataVault(file);
    const before = vault.seal('old', 'x');
    const firstId = vault.currentKeyId;
    const second = vault.rotate();
    expect(second).not.toBe(firstId);
    const after = vault.seal('new', 'x');
    expect(vault.keyIdOf(after)).toBe(second);
    expect(vault.open(before, 'x')).toBe('old');
    // A process that read the file before the rotation finds the new key when it meets it.
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('refuses a key file that is not one key a line', () => {
    const file = join(tempDir(), 'pii.key');
    writeFileSync(file, 'not a key\n', { mode: 0o600 });
    expect(() => openPersonalDataVault(file)).toThrow(/not "id:base64/);
  });
});
