// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layers may only import downwards (see DESIGN.md); each folder's index.ts is its public entry. */
const layer = (name, forbidden, extra = []) => ({
  files: [`src/${name}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((other) => ({
            group: [`../${other}/*`, `../../${other}/*`, `../${other}`, `../../${other}`],
            message: `src/${name} must not depend on src/${other} (see DESIGN.md layers).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});

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
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union instead of an enum (STYLE.md).' },
      ],
    },
  },
  // The web admin (React, browser) has its own tsconfig: DOM types, JSX, bundler resolution.
  {
    files: ['admin/**/*.ts', 'admin/**/*.tsx'],
    languageOptions: {
      parserOptions: { project: './admin/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  layer(
    'core',
    [
      'app',
      'store',
      'server',
      'render',
      'cli',
      'boot',
      'config',
      'search',
      'publish',
      'import',
      'check',
      'demo',
    ],
    [{ group: ['node:*'], message: 'src/core is pure: no node:* imports.' }],
  ),
  layer('check', [
    'app',
    'store',
    'server',
    'render',
    'cli',
    'boot',
    'config',
    'search',
    'publish',
    'import',
    'demo',
  ]),
  layer('app', ['store', 'server', 'render', 'cli', 'boot', 'config', 'demo']),
  layer('store', ['server', 'render', 'cli', 'boot', 'demo']),
  layer('render', ['store', 'server', 'cli', 'boot', 'demo']),
  layer('server', ['store', 'cli', 'boot', 'demo']),
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
