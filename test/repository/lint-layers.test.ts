import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js, run on small sources at given paths: a layer importing one it may not,
 * an import past another folder's index.ts and a route reading the store are errors; a clean file passes.
 */
const ROOT = new URL('../..', import.meta.url);

let eslint: ESLint;

beforeAll(async () => {
  const config = (await import(pathToFileURL(`${ROOT.pathname}eslint.config.js`).href)) as {
    LAYER_RULES: Linter.Config[];
  };
  eslint = new ESLint({
    cwd: ROOT.pathname,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...config.LAYER_RULES,
    ],
  });
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layer rules', () => {
  it('pass a file that imports allowed layers through their index.ts', async () => {
    const code = [
      "import { GazetteError } from '../core/index.js';",
      "import { publishArticle } from '../app/index.js';",
      "import { helper } from './helper.js';",
      'export const used = [GazetteError, publishArticle, helper];',
    ].join('\n');
    expect(await problems('src/server/clean-route.ts', code)).toEqual([]);
    expect(await problems('src/publish/clean.ts', code)).toEqual([]);
  });

  it.each([
    ['src/core/x.ts', "import { a } from '../app/index.js';"],
    ['src/check/x.ts', "import { a } from '../store/index.js';"],
    ['src/search/x.ts', "import { a } from '../app/index.js';"],
    ['src/media/x.ts', "import { a } from '../render/index.js';"],
    ['src/config/x.ts', "import { a } from '../server/index.js';"],
    ['src/linkcheck/x.ts', "import { a } from '../app/index.js';"],
    ['src/app/x.ts', "import { a } from '../store/index.js';"],
    ['src/render/x.ts', "import { a } from '../store/index.js';"],
    ['src/publish/x.ts', "import { a } from '../store/index.js';"],
    ['src/import/x.ts', "import { a } from '../server/index.js';"],
    ['src/server/x.ts', "import { a } from '../store/index.js';"],
    ['src/demo/x.ts', "import { a } from '../boot/index.js';"],
    ['src/boot/x.ts', "import { a } from '../cli/main.js';"],
    ['src/cli/x.ts', "import { a } from '../server/index.js';"],
    ['src/store/migrations/x.ts', "import { a } from '../../server/index.js';"],
  ])('report %s importing a layer it may not: %s', async (path, code) => {
    const found = await problems(path, `${code}\nexport const b = a;`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-restricted-imports: .*may import only/);
  });

  it.each([
    ['src/store/x.ts', "import type { Store } from '../app/ports.js';"],
    ['src/server/x.ts', "import { a } from '../render/present.js';"],
    ['src/cli/x.ts', "import { a } from '../linkcheck/link-checker.js';"],
    ['src/store/migrations/x.ts', "import { a } from '../../core/errors.js';"],
    ['src/boot/x.ts', "export { a } from '../demo/load-demo.js';"],
  ])('report %s importing past an index.ts: %s', async (path, code) => {
    const found = await problems(path, `${code}\nexport const b = 1;`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-restricted-imports: .*through its index\.ts/);
  });

  it('let a file import its own folder at any depth, and the named extra entries', async () => {
    expect(
      await problems('src/store/migrations/x.ts', "import { a } from '../dialect.js';\nexport const b = a;"),
    ).toEqual([]);
    expect(
      await problems('src/cli/x.ts', "import { a } from '../boot/cluster.js';\nexport const b = a;"),
    ).toEqual([]);
    expect(
      await problems('src/cli/x.ts', "import { a } from '../boot/start.js';\nexport const b = a;"),
    ).toEqual([]);
    // The composition root wires distribution to the publisher (gazette start --publish-to).
    expect(
      await problems('src/boot/x.ts', "import { a } from '../distribute/index.js';\nexport const b = a;"),
    ).toEqual([]);
    const worker = "import { createStore } from '../store/index.js';\nexport const b = createStore;";
    expect(await problems('src/publish/build-worker.ts', worker)).toEqual([]);
    expect(await problems('src/publish/pages.ts', worker)).toHaveLength(1);
  });

  it('report a use case that processes images itself instead of through its port', async () => {
    const found = await problems(
      'src/app/x.ts',
      "import { processImage } from '../media/index.js';\nexport const b = processImage;",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no-restricted-imports: .*ImageProcessor port/);
    expect(
      await problems(
        'src/app/x.ts',
        "import { mediaUrl } from '../media/index.js';\nexport const b = mediaUrl;",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src/boot/x.ts',
        "import { processImage } from '../media/index.js';\nexport const b = processImage;",
      ),
    ).toEqual([]);
  });

  it('report a route that reads the store', async () => {
    const read = [
      "import type { AppDeps } from '../app/index.js';",
      'export const list = (deps: AppDeps) => deps.store.sites.list();',
      'export const take = ({ store }: AppDeps) => store;',
    ].join('\n');
    const found = await problems('src/server/new-route.ts', read);
    expect(found).toHaveLength(2);
    expect(found.every((m) => m.startsWith('no-restricted-syntax: Routes do not read the store'))).toBe(true);
    // The same code is fine in a use case.
    expect(await problems('src/app/new-reader.ts', read)).toEqual([]);
  });

  it.each([
    'src/server/admin-articles.ts',
    'src/server/admin-history.ts',
    'src/server/admin-media.ts',
    'src/server/admin-series.ts',
    'src/server/admin-sites.ts',
    'src/server/build-server.ts',
    'src/server/public-routes.ts',
  ])('hold %s to the same rule: no route file is let off', async (path) => {
    const found = await problems(path, 'export const f = (deps: { store: unknown }) => deps.store;');
    expect(found).toEqual([
      'no-restricted-syntax: Routes do not read the store: call a use case or an app reader (docs/architecture.md#layers).',
    ]);
  });

  it("report export * in app's public entry, which names its use cases", async () => {
    expect(await problems('src/app/index.ts', "export * from './manage-site.js';")).toEqual([
      "no-restricted-syntax: src/app/index.ts names what it exports (the use cases and ports): no 'export *'.",
    ]);
    expect(await problems('src/app/index.ts', "export { createSite } from './manage-site.js';")).toEqual([]);
  });

  it('keep enums out of the server too', async () => {
    expect(await problems('src/server/x.ts', 'export enum Colour { Red }')).toEqual([
      'no-restricted-syntax: Use a string union instead of an enum (docs/style.md).',
    ]);
  });
});

/** The value imports of a source file (type-only imports left out): what loading it loads. */
async function valueImports(path: string): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL(path, ROOT), 'utf8');
  return [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)].map((m) => m[1]!);
}

describe('the light entries of the command line', () => {
  it('load only command tables in main.ts: implementations load when a command runs', async () => {
    const imports = await valueImports('src/cli/main.ts');
    const other = imports.filter(
      (path) => !/^\.\/[a-z-]+-commands\.js$/.test(path) && path !== './command.js',
    );
    expect(other).toEqual(['node:util', '../core/index.js']);
  });

  it('keep boot/start.ts, which the primary of `start --workers` loads before it forks, off the rest of boot', async () => {
    expect(await valueImports('src/boot/start.ts')).toEqual(['node:cluster', './cluster.js']);
  });
});
