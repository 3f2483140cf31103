import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSite, recordAvailabilityProbe, systemPrincipal } from '../src/app/index.js';
import { monitorOptions } from '../src/cli/monitor-command.js';
import type { Site } from '../src/core/index.js';
import { probeUrl } from '../src/linkcheck/index.js';
import { startTestGazette } from './support/gazette.js';

const DAY = 86_400_000;
const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('the availability probe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-monitor-'));
  let tls: Server;
  let slow: Server;
  let tlsPort = 0;
  let slowPort = 0;

  beforeAll(async () => {
    // A certificate valid for 30 days from today, made for the test.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '30',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = createHttpsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>首页</p>'),
    );
    slow = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>');
      setTimeout(() => res.end('慢</p>'), 2_000).unref();
    });
    tlsPort = await listen(tls);
    slowPort = await listen(slow);
  });
  afterAll(async () => {
    slow.closeAllConnections();
    await Promise.all([close(tls), close(slow)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('times the first byte and the whole page and reads the certificate’s expiry', async () => {
    const result = await probeUrl(`https://127.0.0.1:${tlsPort}/`, { insecureTls: true });
    expect(result).toMatchObject({ ok: true, status: 200, error: null, addresses: ['127.0.0.1'] });
    expect(result.ttfbMs).not.toBeNull();
    expect(result.totalMs as number).toBeGreaterThanOrEqual(result.ttfbMs as number);
    const days = (Date.parse(result.tlsValidTo as string) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
  });

  it('counts a page not complete in time as failed, in bounded time', async () => {
    const started = Date.now();
    const result = await probeUrl(`http://127.0.0.1:${slowPort}/`, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result.ok).toBe(false);
    expect(result.ttfbMs).not.toBeNull();
    expect(result.error).toMatch(/timed out/);
  });

  it('refuses a URL that is not http(s)', async () => {
    expect(() => monitorOptions({ url: 'ftp://example.gov.cn/' })).toThrow(/http\(s\)/);
    expect(() => monitorOptions({ url: 'file:///etc/passwd' })).toThrow(/http\(s\)/);
    expect(() => monitorOptions({})).toThrow(/--url/);
    await expect(probeUrl('javascript:alert(1)')).rejects.toThrow(/not an http/);
  });

  it('resolves names through the injected resolver', async () => {
    const result = await probeUrl(`https://localhost:${tlsPort}/`, {
      insecureTls: true,
      resolve: () => Promise.resolve(['127.0.0.1', '::1']),
    });
    expect(result.addresses).toEqual(['127.0.0.1', '::1']);
  });
});

describe('probes feed the availability veto', () => {
  it('notices a changed DNS answer and fails V6 at 5 % of a week’s probes', async () => {
    const now = '2026-11-20T02:00:00.000Z';
    const test = await startTestGazette({ now });
    try {
      const deps = test.gazette.deps;
      const site = (await deps.store.sites.list())[0] as Site;
      const system = systemPrincipal('test');
      const probe = (i: number, ok: boolean, addresses = ['203.0.113.5']) => ({
        siteId: site.id,
        url: 'https://www.example.gov.cn/',
        at: new Date(Date.parse(now) - (i + 1) * 3_600_000).toISOString(),
        status: ok ? 200 : null,
        ttfbMs: ok ? 120 : null,
        totalMs: ok ? 300 : null,
        ok,
        error: ok ? null : 'timed out after 15000 ms',
        tlsValidTo: null,
        addresses,
      });
      expect(veto(await inspectSite(deps, system, site.id, {}, now), 'V6').status).toBe('ok');
      for (let i = 0; i < 19; i++) {
        expect((await recordAvailabilityProbe(deps, system, probe(i, true))).dnsChanged).toBe(false);
      }
      const changed = await recordAvailabilityProbe(deps, system, probe(19, false, ['198.51.100.7']));
      expect(changed).toEqual({ dnsChanged: true, previous: ['203.0.113.5'] });
      // 1 of 20 failed: 5 %.
      expect(veto(await inspectSite(deps, system, site.id, {}, now), 'V6').status).toBe('failed');
      for (let i = 20; i < 40; i++) await recordAvailabilityProbe(deps, system, probe(i, true));
      // 1 of 40: at risk, not failed.
      expect(veto(await inspectSite(deps, system, site.id, {}, now), 'V6').status).toBe('at-risk');
      // A week later none of these count.
      const later = new Date(Date.parse(now) + 8 * DAY).toISOString();
      expect(veto(await inspectSite(deps, system, site.id, {}, later), 'V6').evidence[0]).toMatchObject({
        checked: false,
      });
    } finally {
      await test.close();
    }
  }, 120_000);
});

function veto(
  report: { vetoes: readonly { id: string; status: string; evidence: readonly Record<string, unknown>[] }[] },
  id: string,
) {
  const found = report.vetoes.find((v) => v.id === id);
  if (!found) throw new Error(`no veto ${id}`);
  return found;
}

describe('gazette start --monitor URL', () => {
  it('probes from the scheduler after the first interval and feeds the availability veto; refuses a non-http URL', async () => {
    const { availabilityMonitorTask } = await import('../src/boot/index.js');
    const { loadConfig } = await import('../src/config/index.js');
    expect(() => loadConfig({ GAZETTE_MONITOR_URL: 'ftp://www.example.gov.cn/' }, {})).toThrow(/http/);
    expect(loadConfig({}, { monitorUrl: 'http://127.0.0.1:1/' }).monitorUrl).toBe('http://127.0.0.1:1/');
    let answered = 0;
    const server = createHttpServer((_request, response) => {
      answered += 1;
      response.end('<html>首页</html>');
    });
    const port = await listen(server);
    const test = await startTestGazette();
    try {
      const { deps } = test.gazette;
      const site = (await deps.store.sites.list())[0] as Site;
      const task = availabilityMonitorTask(`http://127.0.0.1:${port}/`, 1000, {
        resolve: () => Promise.resolve(['127.0.0.1']),
      });
      // At start the server is not listening yet: nothing is probed.
      expect(await task.run(deps)).toBeNull();
      expect(answered).toBe(0);
      await task.run(deps);
      await task.run(deps);
      expect(answered).toBe(2);
      test.clock.advance(60_000);
      const report = await inspectSite(deps, systemPrincipal('test'), site.id);
      const v6 = report.vetoes.find((v) => v.id === 'V6');
      expect(v6?.status).toBe('ok');
      expect(v6?.evidence[0]).toMatchObject({ probes: 2, failed: 0 });
    } finally {
      await test.close();
      await close(server);
    }
  }, 60_000);
});
