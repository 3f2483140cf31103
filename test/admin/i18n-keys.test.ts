import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The admin has one translation system: every visible text is a key of MESSAGES (admin/src/i18n.tsx and the
 * area files under admin/src/messages/) with both a Chinese and an English text. This reads the admin's
 * sources as text and checks each key they use exists, and that no screen carries Chinese of its own.
 */
const ROOT = join(__dirname, '..', '..', 'admin', 'src');

type Dictionary = Readonly<Record<string, readonly [string, string]>>;
/** The admin's module (TSX, typed by admin/tsconfig.json), loaded by path so that this project's types stay apart. */
const I18N_MODULE = join(ROOT, 'i18n.tsx');
const { MESSAGES, DICT_PARTS } = (await import(I18N_MODULE)) as {
  readonly MESSAGES: Dictionary;
  readonly DICT_PARTS: Readonly<Record<string, Dictionary>>;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const FILES = sources(ROOT).map((path) => ({
  name: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));
const KEYS = new Set(Object.keys(MESSAGES));

/** Keys written out: t('key'), t('key', {…}), translate(lang, 'key'). */
const LITERAL_KEY = /\b(?:t\(|translate\(\s*[\w'"]+\s*,)\s*'([a-zA-Z][\w.-]*)'/g;
/** Keys made from a value: t(`prefix.${…}`) and label('prefix', value). */
const TEMPLATE_KEY = /\bt\(\s*`([\w.-]*)\$\{/g;
const LABEL_PREFIX = /\b(?:label\(|translateLabel\(\s*\w+\s*,)\s*'([\w.-]+)'/g;

function matches(pattern: RegExp): { file: string; value: string }[] {
  return FILES.flatMap((file) =>
    [...file.text.matchAll(pattern)].map((m) => ({ file: file.name, value: m[1]! })),
  );
}

describe('the admin translation dictionary', () => {
  it('has a Chinese and an English text for every key', () => {
    const incomplete = Object.entries(MESSAGES)
      .filter(([, [zh, en]]) => zh.trim() === '' || en.trim() === '')
      .map(([key]) => key);
    expect(incomplete).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = Object.entries(MESSAGES)
      .filter(([, [zh, en]]) => names(zh).join() !== names(en).join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('keeps each key in one part only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, entries] of Object.entries(DICT_PARTS)) {
      for (const key of Object.keys(entries)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${part})`);
        seen.set(key, part);
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(KEYS.size);
  });

  it('has every key the sources use', () => {
    const used = matches(LITERAL_KEY);
    // The reading of the sources finds the keys (a pattern that found nothing would pass vacuously).
    expect(used.length).toBeGreaterThan(500);
    expect(used.filter((use) => !KEYS.has(use.value))).toEqual([]);
  });

  it('has keys under every prefix a source builds a key from', () => {
    const prefixes = [
      ...matches(TEMPLATE_KEY),
      ...matches(LABEL_PREFIX).map((m) => ({ ...m, value: `${m.value}.` })),
    ];
    expect(prefixes.length).toBeGreaterThan(5);
    const empty = prefixes.filter((use) => ![...KEYS].some((key) => key.startsWith(use.value)));
    expect(empty).toEqual([]);
  });

  it('is the only place of Chinese text in the screens', () => {
    // Names that are Chinese in every language: the two scripts' own names and the official badges' titles;
    // and the default label a new series gets (stored data shown on the public pages, not interface text).
    const allowed = new Set(['简体中文', '繁體中文', '我为政府网站找错', '党政机关网站标识', '合集']);
    const found: string[] = [];
    for (const file of FILES) {
      if (file.name === 'i18n.tsx' || file.name.startsWith('messages/') || !file.name.endsWith('.tsx'))
        continue;
      file.text.split('\n').forEach((line, index) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`|[>}]([^<>{}]+)[<{]/g)) {
          const text = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
          if (/[\u4e00-\u9fff\uff08\uff09\uff1a\uff1f]/.test(text) && !allowed.has(text.trim())) {
            found.push(`${file.name}:${index + 1}: ${text.trim()}`);
          }
        }
      });
    }
    expect(found).toEqual([]);
  });
});
