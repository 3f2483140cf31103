// The no-JavaScript path of the public forms, as a person takes it, and the letters channel it posts to.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const NUMERALS = '零一二三四五六七八九十';

/** The answer to a challenge's question (`三加五等于几？`), as a person would give it. */
export function answerOf(question) {
  const [, x, op, y] = /^(.+?)(加|减)(.+?)等于几？$/.exec(question);
  const value = (text) => NUMERALS.indexOf(text);
  return String(op === '加' ? value(x) + value(y) : value(x) - value(y));
}

/**
 * Adds a letters channel (with a department) to the demo site in `dataDir` through the use cases of the build
 * in `build`; returns its id.
 */
export async function addChannel(dataDir, build = 'dist') {
  const dist = pathToFileURL(resolve(build)).href;
  const { loadConfig } = await import(`${dist}/config/index.js`);
  const { openGazette } = await import(`${dist}/boot/index.js`);
  const { createChannel, createDepartment, systemPrincipal } = await import(`${dist}/app/index.js`);
  const gazette = await openGazette(loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir }));
  const system = systemPrincipal('bench');
  const [site] = await gazette.deps.store.sites.list();
  const [column] = await gazette.deps.store.columns.listBySite(site.id);
  const department = await createDepartment(gazette.deps, system, { siteId: site.id, name: '信访办' });
  const channel = await createChannel(gazette.deps, system, {
    siteId: site.id,
    kind: 'consult',
    name: '咨询',
    departmentId: department.id,
    columnId: column.id,
  });
  await gazette.close();
  return channel.id;
}
