import { rmSync } from 'node:fs';
import { appliedState, applyPackage, recoverCopy, type ApplyOutcome } from './apply.js';
import { listPackages, openPackage } from './package.js';
import { verifyOutput, type VerifyReport } from '../publish/index.js';
import { isGazetteError } from '../core/index.js';
import type { KeyRing } from './keys.js';

export interface DropReport {
  readonly applied: readonly ApplyOutcome[];
  /** Packages refused, each with the reason (left in the drop folder, except replays, which are dropped). */
  readonly refused: readonly { readonly package: string; readonly reason: string }[];
  readonly verify: VerifyReport | null;
}

/**
 * `gazette distribute apply --from DROP --to DIR`: applies the complete packages of a drop folder in order,
 * each all or nothing. A package already applied or older is refused as a replay; the first refused package
 * stops the run (the ones after it would not follow). Applied packages are removed from the drop folder.
 * With `verify`, the whole copy is then checked against its manifest and changed files are restored.
 */
export function applyDrop(
  from: string,
  to: string,
  keys: KeyRing,
  options: {
    readonly verify?: boolean;
    readonly now?: () => string;
    readonly log?: (line: string) => void;
  } = {},
): DropReport {
  const now = options.now ?? (() => new Date().toISOString());
  const applied: ApplyOutcome[] = [];
  const refused: { package: string; reason: string }[] = [];
  if (appliedState(to)) recoverCopy(to, now());
  for (const dir of listPackages(from)) {
    try {
      const outcome = applyPackage(to, openPackage(dir), now(), keys);
      applied.push(outcome);
      removeApplied(dir);
    } catch (error) {
      if (!isGazetteError(error) || error.code !== 'GZ_DISTRIBUTE_PACKAGE_REFUSED') throw error;
      refused.push({ package: dir, reason: error.message });
      options.log?.(`refused ${dir}: ${error.message}`);
      // A replay is dropped; anything else stays for the operator (and blocks the packages after it).
      const last = appliedState(to);
      if (last && /is a replay/.test(error.message)) {
        removeApplied(dir);
        continue;
      }
      break;
    }
  }
  const verify = options.verify && appliedState(to) ? verifyOutput(to, { restore: true }) : null;
  return { applied, refused, verify };
}

const removeApplied = (dir: string) => rmSync(dir, { recursive: true, force: true });
