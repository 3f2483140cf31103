import type { FastifyInstance } from 'fastify';
import {
  createChannel,
  createDepartment,
  createUser,
  setDepartmentMembers,
  systemPrincipal,
  type AppDeps,
  type Channel,
} from '../../src/app/index.js';
import type { Column, Principal, Role, User } from '../../src/core/index.js';

/** A site's letters channel with the people around it: a handling department, reviewers and a publisher. */
export interface InteractFixture {
  readonly siteId: number;
  readonly column: Column;
  readonly channel: Channel;
  readonly handler: Principal;
  readonly colleague: Principal;
  readonly reviewers: readonly Principal[];
  readonly publisher: Principal;
  readonly manager: Principal;
  readonly departmentId: number;
}

const as = (user: User): Principal => ({ kind: 'user', user, ip: '127.0.0.1' });

let counter = 0;

export async function interactFixture(
  deps: AppDeps,
  options: { readonly kind?: Channel['kind']; readonly deadlineDays?: number } = {},
): Promise<InteractFixture> {
  const system = systemPrincipal('test');
  const site = (await deps.store.sites.list())[0]!;
  const columns = await deps.store.columns.listBySite(site.id);
  const column = columns.find((c) => c.kind === 'news') ?? columns[0]!;
  const n = ++counter;
  const user = async (name: string, grants: { role: Role; columnId?: number | null }[]) =>
    (
      await createUser(deps, system, {
        username: `${name}${n}`,
        displayName: name,
        grants: grants.map((g) => ({ role: g.role, siteId: site.id, columnId: g.columnId ?? null })),
      })
    ).user;
  const handler = await user('handler', [{ role: 'contributor', columnId: column.id }]);
  const colleague = await user('colleague', [{ role: 'contributor', columnId: column.id }]);
  const reviewers = [];
  for (let level = 1; level <= column.reviewLevels; level++) {
    reviewers.push(
      await user(`reviewer${level}x`, [{ role: `reviewer-${level}` as Role, columnId: column.id }]),
    );
  }
  const publisher = await user('publisher', [{ role: 'publisher', columnId: column.id }]);
  const manager = await user('manager', [{ role: 'site-admin' }]);
  const department = await createDepartment(deps, system, { siteId: site.id, name: `信访办${n}` });
  await setDepartmentMembers(deps, system, department.id, [handler.id, colleague.id]);
  const channel = await createChannel(deps, system, {
    siteId: site.id,
    kind: options.kind ?? 'leader',
    name: `书记信箱${n}`,
    departmentId: department.id,
    columnId: column.id,
    ...(options.deadlineDays !== undefined ? { deadlineDays: options.deadlineDays } : {}),
  });
  return {
    siteId: site.id,
    column,
    channel,
    handler: as(handler),
    colleague: as(colleague),
    reviewers: reviewers.map(as),
    publisher: as(publisher),
    manager: as(manager),
    departmentId: department.id,
  };
}

/** The answer to the form's text question, read from the page as a person would. */
export function answerFromPage(html: string): { token: string; answer: string } {
  const token = /name="challenge" value="([^"]+)"/.exec(html)?.[1];
  const question = /验证问题：([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)等于几？/.exec(
    html,
  );
  if (!token || !question) throw new Error('no challenge on the page');
  const numerals = '零一二三四五六七八九十';
  const x = numerals.indexOf(question[1]!);
  const y = numerals.indexOf(question[3]!);
  return { token, answer: String(question[2] === '加' ? x + y : x - y) };
}

export interface LetterFields {
  name?: string;
  phone?: string;
  email?: string;
  subject?: string;
  body?: string;
  wantsPublic?: boolean;
  consent?: boolean;
  website?: string;
}

/** Writes a letter through the public form as a browser without JavaScript would. */
export async function writeLetter(
  app: FastifyInstance,
  channelId: number,
  fields: LetterFields,
  remoteAddress = '127.0.0.1',
) {
  const form = await app.inject({ method: 'GET', url: `/hudong/write/${channelId}`, remoteAddress });
  const { token, answer } = answerFromPage(form.body);
  const body = new URLSearchParams({
    name: fields.name ?? '张三',
    phone: fields.phone ?? '13812341234',
    email: fields.email ?? '',
    subject: fields.subject ?? '小区路灯不亮',
    body: fields.body ?? '我们小区门口的路灯已经坏了两周，晚上出行很不方便，请尽快修复。',
    challenge: token,
    answer,
    website: fields.website ?? '',
    ...((fields.wantsPublic ?? true) ? { wantsPublic: '1' } : {}),
    ...((fields.consent ?? true) ? { consent: '1' } : {}),
  });
  const response = await app.inject({
    method: 'POST',
    url: `/hudong/write/${channelId}`,
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
  const number = /id="receipt-number">([^<]+)</.exec(response.body)?.[1] ?? '';
  const code = /id="receipt-code">([^<]+)</.exec(response.body)?.[1] ?? '';
  return { response, number, code };
}
