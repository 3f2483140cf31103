// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_ENUM = {
  selector: 'TSEnumDeclaration',
  message: 'Use a string union instead of an enum (docs/style.md).',
};

/** What the two entry points (boot, the composition root, and cli, the command) may both import. */
const BELOW_ENTRY_POINTS = [
  'core',
  'check',
  'config',
  'media',
  'search',
  'linkcheck',
  'app',
  'store',
  'render',
  'import',
  'publish',
  'notify',
];

/**
 * The layers of src/ and the layers each may import (docs/architecture.md#layers). Everything not listed for a
 * folder is forbidden to it; tests may import anything.
 */
export const LAYERS = {
  core: [],
  check: ['core'],
  config: ['core'],
  media: ['core'],
  search: ['core'],
  linkcheck: ['core'],
  app: ['core', 'check', 'media', 'search'],
  store: ['core', 'app', 'check', 'media', 'search'],
  render: ['core', 'app', 'media'],
  import: ['core', 'app'],
  publish: ['core', 'app', 'render', 'media'],
  notify: ['core', 'app'],
  server: ['core', 'app', 'render', 'media', 'search'],
  demo: ['core', 'app'],
  // Distribution reads the publisher's output and writes copies of it: below the entry points, above publish.
  distribute: ['core', 'publish'],
  boot: [...BELOW_ENTRY_POINTS, 'server', 'demo', 'distribute'],
  cli: [...BELOW_ENTRY_POINTS, 'boot', 'distribute'],
};

/**
 * A folder's index.ts is its public entry: another folder imports `../x/index.js`, nothing deeper. Besides it,
 * boot/start.js is the light entry of `gazette start` (and boot/cluster.js of its workers' side): with
 * `--workers N` the primary forks its workers before it loads anything else, so it must not pull in the whole
 * of boot, nor of app (it needs only app/change-feed.js).
 */
const ENTRIES = { boot: ['cluster.js', 'start.js'], app: ['change-feed.js'] };

/** Files allowed one more layer than their folder, and why (docs/architecture.md#layers). */
const EXTRA = [
  // The entry of a build worker thread, which opens its own connection: a small composition root.
  { file: 'src/publish/build-worker.ts', folder: 'publish', layers: ['store'] },
  // The atomic writer makes the output directory with the store's safe mkdir (one level at a time, so a path
  // under /proc fails instead of spinning): one helper for every directory Gazette creates.
  { file: 'src/publish/writer.ts', folder: 'publish', layers: ['store'] },
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The import rule for the files of `folder` that sit `depth` folders below src/ (`../` repeated that often). */
function importRule(folder, allowed, depth) {
  const up = '\\.\\./'.repeat(depth);
  const others = Object.keys(LAYERS).filter((other) => other !== folder);
  const forbidden = others.filter((other) => !allowed.includes(other));
  const reachable = others.filter((other) => allowed.includes(other));
  const patterns = [];
  if (forbidden.length > 0) {
    patterns.push({
      regex: `^${up}(${forbidden.join('|')})(/|$)`,
      message: `src/${folder} may import only ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'no other layer'} (docs/architecture.md#layers).`,
    });
  }
  for (const other of reachable) {
    const entries = ['index.js', ...(ENTRIES[other] ?? [])].map(escape).join('|');
    patterns.push({
      regex: `^${up}${other}(/(?!(${entries})$)|$)`,
      message: `Import src/${other} through its index.ts ('${'../'.repeat(depth)}${other}/index.js'), not a file inside it (docs/architecture.md#layers).`,
    });
  }
  if (folder === 'core')
    patterns.push({ group: ['node:*'], message: 'src/core is pure: no node:* imports.' });
  if (folder === 'app')
    patterns.push({
      regex: `^${up}media/index\\.js$`,
      importNames: ['processImage'],
      message:
        'Use cases process images through the ImageProcessor port (deps.media.images), wired in src/boot (docs/architecture.md#layers).',
    });
  return ['error', { patterns }];
}

/**
 * The layer and entry rules of every folder of src/, the files allowed more, app's named exports, and the store
 * kept out of routes.
 */
export const LAYER_RULES = [
  ...Object.entries(LAYERS).flatMap(([folder, allowed]) =>
    [1, 2, 3].map((depth) => ({
      files: [`src/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
      ignores: ['**/*.test.ts'],
      rules: { 'no-restricted-imports': importRule(folder, allowed, depth) },
    })),
  ),
  ...EXTRA.map(({ file, folder, layers }) => ({
    files: [file],
    rules: { 'no-restricted-imports': importRule(folder, [...LAYERS[folder], ...layers], 1) },
  })),
  {
    files: ['src/app/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_ENUM,
        {
          selector: 'ExportAllDeclaration',
          message: "src/app/index.ts names what it exports (the use cases and ports): no 'export *'.",
        },
      ],
    },
  },
  // Routes translate HTTP to a use case and back: they neither read the store nor hold it (importing src/store
  // is refused by the layer table above).
  {
    files: ['src/server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_ENUM,
        {
          selector: "MemberExpression[property.name='store']",
          message:
            'Routes do not read the store: call a use case or an app reader (docs/architecture.md#layers).',
        },
        {
          selector: "ObjectPattern > Property[key.name='store']",
          message:
            'Routes do not read the store: call a use case or an app reader (docs/architecture.md#layers).',
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'data/',
      'node_modules/',
      'coverage/',
      'test-artifacts/',
      'admin/dist/',
      'bench/**/.build/',
      'bench/**/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_ENUM],
    },
  },
  // The web admin (React, browser) has its own tsconfig: DOM types, JSX, bundler resolution.
  {
    files: ['admin/**/*.ts', 'admin/**/*.tsx'],
    languageOptions: {
      parserOptions: { project: './admin/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  ...LAYER_RULES,
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['eslint.config.js', 'scripts/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Benchmark scripts run on the built dist/ with plain Node; the theme's few scripts run in the browser.
  {
    files: ['bench/**/*.mjs', 'bench/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        structuredClone: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
  },
  {
    files: ['themes/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        speechSynthesis: 'readonly',
        SpeechSynthesisUtterance: 'readonly',
        console: 'readonly',
      },
    },
  },
);
