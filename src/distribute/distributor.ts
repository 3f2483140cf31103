import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  currentBuild,
  fileUnder,
  objectPath,
  outputLayout,
  readManifestFile,
  sha256,
  writeAtomic,
  type OutputLayout,
} from '../publish/index.js';
import type { DistributeConfig, Target } from './config.js';
import type { KeyRing } from './keys.js';
import { sealHeader, type PackageHeader, type PackageSource } from './package.js';
import { transportOf, type Transport } from './transports.js';

/**
 * Sends what changed in a site's static output to each configured target. The difference is taken between
 * the publisher's trusted manifest and the copy of it last delivered to that target (kept per target beside
 * the output, `DIR.gazette/distribute/TARGET/`), shard by shard: a shard file unchanged since the last look is
 * neither read nor parsed, so a publish at 100k articles compares a handful of shards.
 *
 * Each target goes on its own: one that fails is retried with back-off (1 s doubling to 5 min) while the
 * others carry on, and its state (last success, failures, last error, what is pending since when) is
 * recorded for the admin and the self-check (`readDistributionStatus`).
 */
export interface TargetState {
  readonly sequence: number;
  readonly lastId: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly failures: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  /** When the oldest change not yet delivered was first seen (null: nothing pending). */
  readonly pendingSince: string | null;
  /** The last package delivered: its size and the time it took. */
  readonly lastPackage: {
    readonly sequence: number;
    readonly files: number;
    readonly removed: number;
    readonly full: boolean;
    readonly ms: number;
  } | null;
}

export interface TargetStatus extends TargetState {
  readonly name: string;
  readonly type: Target['type'];
  /** Milliseconds the target is behind the output (0 when up to date). */
  readonly lagMs: number;
  readonly healthy: boolean;
}

export interface TargetOutcome {
  readonly name: string;
  readonly result: 'sent' | 'up-to-date' | 'failed' | 'waiting';
  readonly files?: number;
  readonly removed?: number;
  readonly full?: boolean;
  readonly ms?: number;
  readonly error?: string;
}

export interface DistributorOptions {
  /** The publisher's output directory (`--publish-to DIR`). */
  readonly source: string;
  readonly config: DistributeConfig;
  /** The keys packages are signed with (the far side holds the same file). */
  readonly keys: KeyRing;
  /** The slug of the site published there: targets naming another site are left out. */
  readonly site?: string;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
  /** Retry failed targets on a timer (a long-running process); otherwise the next run retries them. */
  readonly retryTimers?: boolean;
  readonly retry?: { readonly baseMs: number; readonly maxMs: number };
  /** Transports by target name, replacing the configured ones (tests). */
  readonly transports?: Readonly<Record<string, Transport>>;
}

export interface Distributor {
  /** Sends pending changes to every target (or the one named); `force` ignores the back-off. */
  run(options?: {
    readonly target?: string;
    readonly force?: boolean;
    readonly full?: boolean;
  }): Promise<TargetOutcome[]>;
  status(): TargetStatus[];
  stop(): void;
}

const EMPTY: TargetState = {
  sequence: 0,
  lastId: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  failures: 0,
  lastError: null,
  nextAttemptAt: null,
  pendingSince: null,
  lastPackage: null,
};

const targetDir = (layout: OutputLayout, name: string) => join(layout.stateDir, 'distribute', name);

function readState(layout: OutputLayout, name: string): TargetState {
  try {
    return {
      ...EMPTY,
      ...(JSON.parse(readFileSync(join(targetDir(layout, name), 'state.json'), 'utf8')) as TargetState),
    };
  } catch {
    return EMPTY;
  }
}

/** The recorded state of each target of an output, as the admin and the self-check show it. */
export function readDistributionStatus(
  source: string,
  config: DistributeConfig,
  now: Date = new Date(),
): TargetStatus[] {
  const layout = outputLayout(source);
  return config.targets.map((target) => statusOf(target, readState(layout, target.name), now));
}

function statusOf(target: Target, state: TargetState, now: Date): TargetStatus {
  const lagMs = state.pendingSince ? Math.max(0, now.getTime() - Date.parse(state.pendingSince)) : 0;
  return { ...state, name: target.name, type: target.type, lagMs, healthy: state.failures === 0 };
}

/** The head of a sharded manifest: how many shards, split how, where. */
interface Head {
  readonly build: string;
  readonly generatedAt: string;
  readonly shards: number;
  readonly shardKey: string;
}

type Entries = Record<string, string>;

const shardFile = (k: number) => `${k.toString(16).padStart(3, '0')}.json`;
const parseShard = (text: string | undefined): Entries =>
  text ? ((JSON.parse(text) as { files?: Entries }).files ?? {}) : {};

/** Shard texts of the source manifest, re-read only when a shard file was replaced. */
class ShardReader {
  private readonly seen = new Map<string, { key: string; text: string }>();
  text(file: string): string {
    const stat = statSync(file);
    const key = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    const cached = this.seen.get(file);
    if (cached?.key === key) return cached.text;
    const text = readFileSync(file, 'utf8');
    this.seen.set(file, { key, text });
    return text;
  }
}

/** What was last delivered to a target: the manifest head and shard texts, on disk and in memory. */
interface Sent {
  head: Head | null;
  texts: Map<number, string>;
}

function loadSent(layout: OutputLayout, name: string): Sent {
  const dir = join(targetDir(layout, name), 'sent');
  try {
    const head = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as Head;
    const texts = new Map<number, string>();
    for (let k = 0; k < head.shards; k++) {
      const file = join(dir, shardFile(k));
      if (existsSync(file)) texts.set(k, readFileSync(file, 'utf8'));
    }
    return { head, texts };
  } catch {
    return { head: null, texts: new Map() };
  }
}

interface Change {
  readonly head: Head;
  readonly full: boolean;
  readonly files: Entries;
  readonly removed: string[];
  /** Shard texts to record as delivered once the package is (null: every shard). */
  readonly texts: Map<number, string>;
  readonly reshard: boolean;
}

export function createDistributor(options: DistributorOptions): Distributor {
  const layout = outputLayout(options.source);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const retry = options.retry ?? { baseMs: 1000, maxMs: 300_000 };
  const targets = options.config.targets.filter((t) => !t.site || !options.site || t.site === options.site);
  const reader = new ShardReader();
  const sent = new Map<string, Sent>();
  const timers = new Map<string, NodeJS.Timeout>();
  let queue: Promise<unknown> = Promise.resolve();

  const sentOf = (name: string): Sent => {
    let value = sent.get(name);
    if (!value) sent.set(name, (value = loadSent(layout, name)));
    return value;
  };

  const sourceHead = (): { head: Head; shardDir: string; version1: boolean } => {
    const current = currentBuild(layout);
    if (!current) throw new Error(`${layout.link}: no build to distribute yet`);
    const file = join(layout.manifestsDir, `${current.id}.json`);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Head> & {
      version?: number;
      shardDir?: string;
    };
    if (raw.version !== 2 || typeof raw.shards !== 'number' || typeof raw.shardDir !== 'string') {
      return {
        head: { build: current.id, generatedAt: String(raw.generatedAt), shards: 0, shardKey: '' },
        shardDir: '',
        version1: true,
      };
    }
    return {
      head: {
        build: current.id,
        generatedAt: String(raw.generatedAt),
        shards: raw.shards,
        shardKey: String(raw.shardKey),
      },
      shardDir: join(layout.manifestsDir, raw.shardDir),
      version1: false,
    };
  };

  /** What the target lacks: the files changed or added since the last delivery, and those removed. */
  const changeFor = (name: string, full: boolean): Change => {
    const { head, shardDir, version1 } = sourceHead();
    const previous = sentOf(name);
    if (version1) {
      const manifest = readManifestFile(join(layout.manifestsDir, `${head.build}.json`));
      if (!manifest) throw new Error('the output has no readable manifest');
      return { head, full: true, files: { ...manifest.files }, removed: [], texts: new Map(), reshard: true };
    }
    const texts = new Map<number, string>();
    for (let k = 0; k < head.shards; k++) texts.set(k, reader.text(join(shardDir, shardFile(k))));
    const same =
      !full &&
      previous.head &&
      previous.head.shards === head.shards &&
      previous.head.shardKey === head.shardKey;
    if (!previous.head || full) {
      const files: Entries = {};
      for (const text of texts.values()) Object.assign(files, parseShard(text));
      return { head, full: true, files, removed: [], texts, reshard: true };
    }
    const files: Entries = {};
    const removed: string[] = [];
    const diff = (now: Entries, before: Entries) => {
      for (const [path, hash] of Object.entries(now)) if (before[path] !== hash) files[path] = hash;
      for (const path of Object.keys(before)) if (!(path in now)) removed.push(path);
    };
    if (same) {
      const changed = new Map<number, string>();
      for (const [k, text] of texts) {
        if (previous.texts.get(k) === text) continue;
        diff(parseShard(text), parseShard(previous.texts.get(k)));
        changed.set(k, text);
      }
      return { head, full: false, files, removed, texts: changed, reshard: false };
    }
    const nowAll: Entries = {};
    const beforeAll: Entries = {};
    for (const text of texts.values()) Object.assign(nowAll, parseShard(text));
    for (const text of previous.texts.values()) Object.assign(beforeAll, parseShard(text));
    diff(nowAll, beforeAll);
    return { head, full: false, files, removed, texts, reshard: true };
  };

  /** The package's bytes, read from the current build (and checked: a later publish may have replaced one). */
  const sourceOf = (header: PackageHeader): PackageSource => {
    const root = join(layout.buildsDir, header.build);
    return {
      header,
      read(path, hash) {
        let body = readFileSync(fileUnder(root, path));
        if (sha256(body) === hash) return body;
        try {
          body = readFileSync(objectPath(layout, hash));
          if (sha256(body) === hash) return body;
        } catch {
          // no kept copy
        }
        throw new Error(`${path} changed while being distributed; the next run sends it`);
      },
    };
  };

  const save = (name: string, state: TargetState) => {
    mkdirSync(targetDir(layout, name), { recursive: true });
    writeAtomic(join(targetDir(layout, name), 'state.json'), JSON.stringify(state, null, 2));
  };

  const recordSent = (name: string, change: Change) => {
    const record = sentOf(name);
    const dir = join(targetDir(layout, name), 'sent');
    if (change.reshard) {
      rmSync(dir, { recursive: true, force: true });
      record.texts = new Map();
    }
    for (const [k, text] of change.texts) {
      writeAtomic(join(dir, shardFile(k)), text);
      record.texts.set(k, text);
    }
    record.head = change.head;
    writeAtomic(join(dir, 'head.json'), JSON.stringify(change.head));
  };

  const schedule = (name: string, delay: number) => {
    if (!options.retryTimers) return;
    clearTimeout(timers.get(name));
    const timer = setTimeout(() => {
      timers.delete(name);
      void distributor.run({ target: name }).catch(() => undefined);
    }, delay);
    timer.unref();
    timers.set(name, timer);
  };

  const one = async (target: Target, force: boolean, wantFull: boolean): Promise<TargetOutcome> => {
    const state = readState(layout, target.name);
    const at = now();
    if (!force && state.nextAttemptAt && Date.parse(state.nextAttemptAt) > at.getTime()) {
      if (!state.pendingSince) save(target.name, { ...state, pendingSince: at.toISOString() });
      return { name: target.name, result: 'waiting' };
    }
    const started = performance.now();
    const transport = options.transports?.[target.name] ?? transportOf(target, options.keys);
    try {
      // A copy that does not hold what this side last sent (reset, or restored from a backup) gets it all.
      const held = transport.lastApplied?.();
      const full = wantFull || (held !== undefined && held !== state.lastId);
      const change = changeFor(target.name, full);
      if (!change.full && Object.keys(change.files).length === 0 && change.removed.length === 0) {
        if (change.texts.size > 0 || change.reshard) recordSent(target.name, change);
        if (state.failures > 0 || state.pendingSince)
          save(target.name, {
            ...state,
            failures: 0,
            lastError: null,
            nextAttemptAt: null,
            pendingSince: null,
          });
        return { name: target.name, result: 'up-to-date' };
      }
      const header = sealHeader(
        {
          format: 'gazette-distribute/1',
          id: randomUUID(),
          site: options.site ?? '',
          target: target.name,
          // Increasing even when this side's state is lost (a new output directory): the far side refuses
          // any package not above the last it applied.
          sequence: Math.max(state.sequence + 1, at.getTime()),
          previous: change.full ? null : state.lastId,
          full: change.full,
          build: change.head.build,
          publishedAt: change.head.generatedAt,
          createdAt: at.toISOString(),
          files: change.files,
          removed: change.removed,
        },
        options.keys,
      );
      await transport.deliver(sourceOf(header), at.toISOString());
      recordSent(target.name, change);
      const ms = Math.round(performance.now() - started);
      const files = Object.keys(change.files).length;
      save(target.name, {
        ...state,
        sequence: header.sequence,
        lastId: header.id,
        lastSuccessAt: now().toISOString(),
        lastAttemptAt: at.toISOString(),
        failures: 0,
        lastError: null,
        nextAttemptAt: null,
        pendingSince: null,
        lastPackage: {
          sequence: header.sequence,
          files,
          removed: change.removed.length,
          full: change.full,
          ms,
        },
      });
      return {
        name: target.name,
        result: 'sent',
        files,
        removed: change.removed.length,
        full: change.full,
        ms,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      const failures = state.failures + 1;
      const delay = Math.min(retry.maxMs, retry.baseMs * 2 ** (failures - 1));
      save(target.name, {
        ...state,
        lastAttemptAt: at.toISOString(),
        failures,
        lastError: message,
        nextAttemptAt: new Date(at.getTime() + delay).toISOString(),
        pendingSince: state.pendingSince ?? at.toISOString(),
      });
      log(`distribution to ${target.name} failed (attempt ${failures}, retry in ${delay} ms): ${message}`);
      schedule(target.name, delay);
      return { name: target.name, result: 'failed', error: message };
    }
  };

  const distributor: Distributor = {
    run(request = {}) {
      const chosen = request.target ? targets.filter((t) => t.name === request.target) : targets;
      const work = async () =>
        Promise.all(chosen.map((t) => one(t, request.force === true, request.full === true)));
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    },
    status: () => targets.map((t) => statusOf(t, readState(layout, t.name), now())),
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
  return distributor;
}
