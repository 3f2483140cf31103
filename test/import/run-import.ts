import { importOptions, runImport } from '../../src/cli/import-command.js';
import type { TestGazette } from '../support/gazette.js';

/**
 * Runs `gazette import` in-process on a test installation (left open), collecting its output; with `null`
 * for a dry run, which must open no database.
 */
export async function runImportIn(
  test: TestGazette | null,
  args: Record<string, string | boolean>,
  paths: string[],
): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const open = () => {
    if (!test) throw new Error('a dry run opens no database');
    return Promise.resolve({ ...test.gazette, close: () => Promise.resolve() });
  };
  const code = await runImport(open, importOptions(args, paths), (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}
