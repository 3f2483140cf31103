import { GazetteError, type Principal } from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import { requirePlatformPermission } from './manage-platform.js';
import { audit } from './principal.js';

/**
 * The distribution of the static output to its targets (docs/deploy.md), as the admin sees it: each target's
 * state, and a run on demand. The distributor itself lives outside the application (src/distribute, wired by
 * the process that publishes); it reaches the use cases through this port.
 */
export interface DistributionTargetView {
  readonly name: string;
  readonly type: 'directory' | 'drop' | 'rsync' | 'sftp';
  readonly sequence: number;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly failures: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  readonly pendingSince: string | null;
  /** Milliseconds the target is behind the output (0 when up to date). */
  readonly lagMs: number;
  readonly healthy: boolean;
  readonly lastPackage: {
    readonly sequence: number;
    readonly files: number;
    readonly removed: number;
    readonly full: boolean;
    readonly ms: number;
  } | null;
}

export interface DistributionRunResult {
  readonly name: string;
  readonly result: 'sent' | 'up-to-date' | 'failed' | 'waiting';
  readonly files?: number;
  readonly error?: string;
}

export interface DistributionPort {
  status(): readonly DistributionTargetView[];
  /** Sends pending changes now, to one target or all, ignoring the back-off. */
  run(target: string | null): Promise<readonly DistributionRunResult[]>;
}

/**
 * Where the process that publishes plugs its distributor in (`gazette start --publish-to` with targets); in
 * other processes it stays empty and the view says distribution is not running here.
 */
export interface DistributionSlot {
  current(): DistributionPort | null;
  attach(port: DistributionPort | null): void;
}

export function createDistributionSlot(): DistributionSlot {
  let port: DistributionPort | null = null;
  return {
    current: () => port,
    attach(next) {
      port = next;
    },
  };
}

export interface DistributionView {
  /** False when this process distributes nothing (no static output, or no target configured). */
  readonly running: boolean;
  readonly targets: readonly DistributionTargetView[];
}

/** Each distribution target with its state; needs platform.read installation-wide. */
// eslint-disable-next-line @typescript-eslint/require-await -- a use case answers a promise, refusals included
export async function readDistribution(deps: AppDeps, principal: Principal): Promise<DistributionView> {
  requirePlatformPermission(principal, 'platform.read');
  const port = deps.distribution?.current() ?? null;
  return { running: port !== null, targets: port ? port.status() : [] };
}

/** Sends pending changes to one target (or all) now, ignoring the back-off; audited; needs platform.manage. */
export async function retryDistribution(
  deps: AppDeps,
  principal: Principal,
  target: string | null,
): Promise<readonly DistributionRunResult[]> {
  requirePlatformPermission(principal, 'platform.manage');
  const port = deps.distribution?.current() ?? null;
  if (!port)
    throw new GazetteError('GZ_DISTRIBUTE_TARGET_INVALID', 'distribution is not running in this process');
  if (target !== null && !port.status().some((t) => t.name === target))
    throw new GazetteError('GZ_DISTRIBUTE_TARGET_INVALID', `no target named "${target}"`);
  const now = deps.clock.now();
  const results = await port.run(target);
  await afterCommit(deps, (store) =>
    audit(store, principal, now, {
      action: 'distribution.retry',
      targetType: 'distribution',
      targetId: target ?? '*',
      siteId: null,
      result: results.some((r) => r.result === 'failed') ? 'failed' : 'ok',
      summary: {
        results: results.map((r) => ({ name: r.name, result: r.result, files: r.files ?? 0 })),
      },
    }),
  );
  return results;
}
