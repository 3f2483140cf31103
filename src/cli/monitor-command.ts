import { recordAvailabilityProbe, systemPrincipal } from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import { GazetteError } from '../core/index.js';
import { monitorUrl, probeUrl, type ProbeOptions } from '../linkcheck/index.js';
import { UsageError, type Values } from './command.js';
import { siteOption } from './site-commands.js';

export interface MonitorCliOptions {
  readonly url: string;
  readonly count: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly insecureTls: boolean;
}

function whole(values: Values, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Reads the options of `gazette monitor`; a URL that is not http(s) is a usage error (exit 2). */
export function monitorOptions(values: Values): MonitorCliOptions {
  const raw = values['url'];
  if (typeof raw !== 'string') throw new UsageError('--url URL is required');
  if (!monitorUrl(raw)) throw new UsageError(`--url must be an http(s) address, not "${raw}"`);
  return {
    url: raw,
    count: whole(values, 'count', 1, 1, 100_000),
    // ≥ 20 probes a day, as the inspectors do: every 72 minutes at most.
    intervalMs: whole(values, 'interval', 3600, 1, 4320) * 1000,
    timeoutMs: whole(values, 'timeout', 15, 1, 60) * 1000,
    insecureTls: values['insecure-tls'] === true,
  };
}

/** `gazette monitor`: probes the URL `--count` times and keeps each probe for the V6 veto; exit 1 if one failed. */
export async function runMonitor(
  gazette: Gazette,
  values: Values,
  probe: Pick<ProbeOptions, 'resolve'> = {},
): Promise<number> {
  const options = monitorOptions(values);
  const site =
    (await siteOption(() => gazette.deps.store.sites.list(), values)) ??
    (await gazette.deps.store.sites.list())[0];
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', 'no site in this installation');
  let failures = 0;
  for (let i = 0; i < options.count; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    const result = await probeUrl(options.url, {
      timeoutMs: options.timeoutMs,
      insecureTls: options.insecureTls,
      ...probe,
    });
    const { dnsChanged, previous } = await recordAvailabilityProbe(gazette.deps, systemPrincipal('monitor'), {
      siteId: site.id,
      ...result,
    });
    if (!result.ok) failures += 1;
    const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
    console.log(
      [
        result.at,
        result.ok ? 'ok' : 'FAILED',
        `status ${result.status ?? '—'}`,
        `ttfb ${ms(result.ttfbMs)}`,
        `total ${ms(result.totalMs)}`,
        ...(result.tlsValidTo ? [`tls until ${result.tlsValidTo.slice(0, 10)}`] : []),
        ...(result.error ? [result.error] : []),
        ...(dnsChanged ? [`DNS CHANGED: ${previous.join(',')} → ${result.addresses.join(',')}`] : []),
      ].join('  '),
    );
  }
  return failures > 0 ? 1 : 0;
}
