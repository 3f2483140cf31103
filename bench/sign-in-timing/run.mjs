#!/usr/bin/env node
// Time of a refused sign-in (POST /admin/api/session) for an unknown username, a wrong password of a real
// account, and a real account that is locked (wrong and right password): the answers are the same, and so
// should the times be, or the time would tell which accounts exist. Requests are injected in-process, in
// turns (unknown, wrong, locked, locked-right, ...), so that drift in the machine's load hits every kind alike.
// The per-address throttle is kept out of the way by varying the client address.
//
//   npm run build && node bench/sign-in-timing/run.mjs [--rounds 40] [--data /tmp/gazette-bench-sign-in]
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '40' },
    data: { type: 'string', default: '/tmp/gazette-bench-sign-in' },
  },
});
const dataDir = resolve(values.data);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const { loadConfig } = await import(resolve('dist/config/index.js'));
const { openGazette, createHttpServer } = await import(resolve('dist/boot/index.js'));
const { createUser, systemPrincipal } = await import(resolve('dist/app/index.js'));
const gazette = await openGazette(loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir }));
const server = await createHttpServer(gazette, { countViews: false });
const PASSWORD = 'Qingchuan-river-42';
for (const username of ['open-account', 'locked-account']) {
  await createUser(gazette.deps, systemPrincipal('bench'), {
    username,
    displayName: username,
    password: PASSWORD,
    grants: [],
  });
}

let address = 0;
const login = (username, password) =>
  server.inject({
    method: 'POST',
    url: '/admin/api/session',
    payload: { username, password },
    remoteAddress: `10.0.${Math.floor(++address / 250) % 250}.${address % 250}`,
  });
// Lock the one account.
for (let i = 0; i < 5; i++) await login('locked-account', `Wrong-password-${i}`);

const kinds = {
  'unknown username': () => login('no-such-account', 'Wrong-password-x'),
  'wrong password': () => login('open-account', 'Wrong-password-x'),
  'locked, wrong password': () => login('locked-account', 'Wrong-password-x'),
  'locked, right password': () => login('locked-account', PASSWORD),
};
const times = Object.fromEntries(Object.keys(kinds).map((name) => [name, []]));
const answers = {};
const rounds = Number(values.rounds);
for (let round = -3; round < rounds; round++) {
  for (const [name, run] of Object.entries(kinds)) {
    const started = performance.now();
    const res = await run();
    const elapsed = performance.now() - started;
    answers[name] = `${res.statusCode} ${res.json().error.code}`;
    if (round >= 0) times[name].push(elapsed);
    // The open account must never lock: a right sign-in resets its count now and then.
    if (name === 'wrong password' && round % 3 === 0) await login('open-account', PASSWORD);
  }
}
const quantile = (list, q) => {
  const sorted = [...list].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1));
};
const summary = Object.fromEntries(
  Object.entries(times).map(([name, list]) => [
    name,
    { answer: answers[name], medianMs: quantile(list, 0.5), p90Ms: quantile(list, 0.9) },
  ]),
);
console.log(JSON.stringify({ rounds, summary }, null, 2));
await server.close();
await gazette.close();
rmSync(dataDir, { recursive: true, force: true });
