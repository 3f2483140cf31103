import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { promises as dns } from 'node:dns';
import type { TLSSocket } from 'node:tls';
import type { ProbeResult } from '../core/index.js';

export type { ProbeResult };

/**
 * The availability probe (可用性监测): one GET of a page, timed to the first byte and to the complete page, with
 * the TLS certificate's expiry and the addresses the name resolves to, as the inspectors' monitors do (a page
 * not complete within 15 s counts as not opened).
 */
export interface ProbeOptions {
  /** Give up after this long (default 15 s, the inspection's limit). */
  readonly timeoutMs?: number;
  /** A/AAAA answer for the host (injected in tests). */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
  /** Accept a certificate that does not verify (a local test server); its expiry is still read. */
  readonly insecureTls?: boolean;
  readonly now?: () => number;
}

/** An http(s) URL or null. */
export function monitorUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

async function defaultResolve(host: string): Promise<readonly string[]> {
  const resolver = new dns.Resolver({ timeout: 5_000, tries: 1 });
  const [v4, v6] = await Promise.all([
    resolver.resolve4(host).catch((): string[] => []),
    resolver.resolve6(host).catch((): string[] => []),
  ]);
  return [...v4, ...v6];
}

const IP = /^(\d+\.\d+\.\d+\.\d+|\[?[0-9a-f:]+\]?)$/i;

export async function probeUrl(target: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const url = monitorUrl(target);
  if (!url) throw new Error(`not an http(s) URL: ${target}`);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const started = now();
  const at = new Date(started).toISOString();
  const host = url.hostname;
  const addresses = IP.test(host)
    ? [host.replace(/^\[|\]$/g, '')]
    : await (options.resolve ?? defaultResolve)(host);
  return new Promise<ProbeResult>((resolve) => {
    let ttfbMs: number | null = null;
    let status: number | null = null;
    let tlsValidTo: string | null = null;
    let settled = false;
    const finish = (error: string | null, totalMs: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      const ok = error === null && status !== null && status >= 200 && status < 300;
      resolve({ url: url.href, at, status, ttfbMs, totalMs, ok, error, tlsValidTo, addresses });
    };
    const onResponse = (response: IncomingMessage) => {
      ttfbMs = now() - started;
      status = response.statusCode ?? null;
      const socket = response.socket as TLSSocket;
      if (typeof socket.getPeerCertificate === 'function') {
        const validTo = socket.getPeerCertificate().valid_to;
        if (validTo) tlsValidTo = new Date(validTo).toISOString();
      }
      response.on('data', () => undefined);
      response.on('end', () => finish(null, now() - started));
      response.on('error', (error) => finish(error.message, null));
    };
    const requestOptions = {
      method: 'GET',
      headers: { 'user-agent': 'Gazette-Monitor/1', accept: 'text/html,*/*;q=0.8' },
      ...(url.protocol === 'https:' && options.insecureTls ? { rejectUnauthorized: false } : {}),
    };
    const request =
      url.protocol === 'https:'
        ? httpsRequest(url, requestOptions, onResponse)
        : httpRequest(url, requestOptions, onResponse);
    request.on('error', (error) => finish(error.message, null));
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`, null), timeoutMs);
    request.end();
  });
}
