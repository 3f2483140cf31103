#!/usr/bin/env node
// Server CPU time a letter costs: the figure a loaded machine does not distort much (wall-clock rates do).
//
//   node bench/interact/cpu.mjs [--letters 400] [--build dist]
//
// Makes the demo portal with the build in --build (default dist/, so the same script measures another
// checkout's build, e.g. --build /work/main/dist), adds a letters channel, starts `gazette start` on a loopback
// port, collects answered challenges, then posts --letters letters one after another through the public form
// (the no-JavaScript path: text question answered, one X-Forwarded-For each) and reads the server process's
// user + system CPU time from /proc before and after: CPU ms per accepted letter, and the letters a second one
// core would accept at that cost. Linux only (/proc).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoSite } from '../lib/bulk-site.mjs';
import { addChannel, answerOf } from '../lib/challenge.mjs';
import { freePort, startGazette, stop, waitFor } from '../lib/net.mjs';

/** User + system CPU of a process in milliseconds (/proc/PID/stat, clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const { values } = parseArgs({
  options: { letters: { type: 'string', default: '400' }, build: { type: 'string', default: 'dist' } },
});
const letters = Number(values.letters);
const build = resolve(values.build);
// The checkout the build belongs to (its themes and resources are found from there).
process.chdir(resolve(build, '..'));
const dataDir = mkdtempSync(join(tmpdir(), 'gazette-interact-cpu-'));
try {
  await createDemoSite(dataDir, build);
  const channel = { id: await addChannel(dataDir, build) };

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startGazette(dataDir, port, { GAZETTE_FORM_LIMIT_PER_FORM: '10000000' }, build);
  try {
    await waitFor(`${base}/`, 60_000, 50);
    const tokens = [];
    while (tokens.length < letters + 20) {
      const c = await fetch(`${base}/api/challenge?form=interact:${channel.id}`).then((r) => r.json());
      tokens.push({ token: c.token, answer: answerOf(c.question) });
    }
    const post = async (n) => {
      const { token, answer } = tokens[n];
      const response = await fetch(`${base}/hudong/write/${channel.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: new URLSearchParams({
          name: '测试',
          phone: '13812341234',
          subject: `CPU测量留言${n}`,
          body: '这是测量每封留言服务器CPU时间的留言正文。',
          challenge: token,
          answer,
        }).toString(),
      });
      await response.text();
      return response.status;
    };
    // Warm-up (first renders, prepared statements, the JIT), not counted.
    for (let n = 0; n < 20; n++) await post(n);
    const before = cpuMs(child.pid);
    const started = performance.now();
    let accepted = 0;
    for (let n = 20; n < letters + 20; n++) if ((await post(n)) === 201) accepted++;
    const wallMs = performance.now() - started;
    const used = cpuMs(child.pid) - before;
    const perLetter = used / accepted;
    console.log(
      JSON.stringify({
        build,
        letters,
        accepted,
        serverCpuMs: used,
        cpuMsPerLetter: Math.round(perLetter * 100) / 100,
        lettersPerCpuSecond: Math.round(1000 / perLetter),
        wallLettersPerSecond: Math.round((accepted / wallMs) * 1000),
        loadAverage: loadavg()[0].toFixed(2),
      }),
    );
  } finally {
    await stop(child);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
