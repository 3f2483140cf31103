import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  channelStatistics,
  listChannels,
  lookupLetter,
  MESSAGE_LIMITS,
  rateLetter,
  readPublishedLetter,
  readPublishedLetters,
  submitLetter,
  type AppDeps,
  type Channel,
  type LetterStatus,
  type SiteContexts,
} from '../app/index.js';
import {
  CHANNEL_KIND_LABELS,
  formatDate,
  GazetteError,
  MESSAGE_STATUS_LABELS,
  RATING_LABELS,
  RATINGS,
  type Rating,
} from '../core/index.js';
import { presentSection, readRenderPreferences, type SectionPage, type Theme } from '../render/index.js';
import { registerConsultationRoutes } from './consultation-routes.js';
import {
  challengeView,
  clientAddress,
  FORM_BODY_LIMIT,
  guardOf,
  refusalStatus,
  registerFormBodyParser,
  sendRateLimited,
  submissionOf,
  type FormFields,
  formErrorOf,
} from './public-forms.js';

/**
 * The public side of 互动交流 at /hudong/: the channels with this year's statistics, the letter form (no
 * JavaScript needed; the anti-abuse fields of public-forms.ts), the receipt with the 留言编号 and 查询码, the
 * status page where the writer reads the reply and rates it, and 留言选登 (published letters, personal data
 * masked). Never cached: forms carry a fresh challenge, and the status page is personal.
 */
export interface InteractRoutesOptions {
  readonly deps: AppDeps;
  readonly theme: Theme;
  readonly siteContexts: SiteContexts;
}

/** Published letters shown on the 互动交流 home page (the rest are on the 留言选登 list). */
const LATEST_ON_HOME = 6;

const paragraphs = (text: string): string[] => text.split(/\n+/).filter((line) => line.trim() !== '');

const field = (fields: FormFields, name: string): string => fields[name] ?? '';

const bodyOf = (request: FastifyRequest): FormFields =>
  (typeof request.body === 'object' && request.body !== null ? request.body : {}) as FormFields;

export function registerInteractRoutes(app: FastifyInstance, options: InteractRoutesOptions): void {
  const { deps, theme } = options;
  registerFormBodyParser(app);

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    hudong: Record<string, unknown>,
  ) => {
    const ctx = await options.siteContexts.load(request.hostname);
    const pc = {
      ctx,
      theme,
      now: deps.clock.now(),
      path: request.url.length <= 1024 ? request.url : '/hudong/',
      preferences: readRenderPreferences(request.headers.cookie),
    };
    const path = request.url.split('?')[0] ?? '/hudong/';
    const view: SectionPage = {
      ...presentSection(pc, {
        template: 'interact',
        title,
        description: `${ctx.site.name}互动交流`,
        breadcrumb: [
          { name: '互动交流', url: '/hudong/' },
          ...(title !== '互动交流' ? [{ name: title, url: path }] : []),
        ],
      }),
      hudong: { title, ...hudong },
    };
    const html = await theme.render(view);
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  };

  const siteOf = async (request: FastifyRequest) => (await options.siteContexts.load(request.hostname)).site;
  registerConsultationRoutes(app, { deps, render, siteOf });

  const channelOf = async (request: FastifyRequest): Promise<Channel | undefined> => {
    const site = await siteOf(request);
    const id = Number((request.params as { id?: string }).id);
    const channel = Number.isInteger(id)
      ? (await listChannels(deps, site.id)).find((c) => c.id === id)
      : undefined;
    return channel?.enabled ? channel : undefined;
  };

  const formView = (
    channel: Channel,
    values: FormFields,
    error: { message: string; field: string } | null,
  ) => ({
    view: 'form',
    channel: {
      id: channel.id,
      name: channel.name,
      intro: channel.intro,
      kind: CHANNEL_KIND_LABELS[channel.kind],
    },
    fields: channel.fields,
    allowPublic: channel.allowPublic,
    deadlineDays: channel.deadlineDays,
    limits: MESSAGE_LIMITS,
    values: {
      name: field(values, 'name'),
      phone: field(values, 'phone'),
      email: field(values, 'email'),
      address: field(values, 'address'),
      subject: field(values, 'subject'),
      body: field(values, 'body').slice(0, MESSAGE_LIMITS.body + 100),
      wantsPublic: field(values, 'wantsPublic') === '1',
      consent: field(values, 'consent') === '1',
    },
    error,
    guard: challengeView(guardOf(deps.antiAbuse).challenge(`interact:${channel.id}`)),
  });

  app.get('/hudong/', async (request, reply) => {
    const site = await siteOf(request);
    const year = Number(formatDate(deps.clock.now()).slice(0, 4));
    const channels = (await listChannels(deps, site.id)).filter((c) => c.enabled);
    const statistics = await channelStatistics(deps, site.id, year);
    const latest = (await readPublishedLetters(deps, site.id, null, 1, LATEST_ON_HOME)).items;
    return render(request, reply, 200, '互动交流', {
      view: 'home',
      year,
      latest: latest.map((item) => ({ ...item, url: `/hudong/letters/${item.number}` })),
      channels: channels.map((c) => {
        const s = statistics.find((row) => row.channelId === c.id);
        return {
          id: c.id,
          name: c.name,
          intro: c.intro,
          kind: CHANNEL_KIND_LABELS[c.kind],
          deadlineDays: c.deadlineDays,
          received: s?.received ?? 0,
          answered: s?.answered ?? 0,
          averageWorkingDays: s?.averageWorkingDays ?? '—',
          onTimeRate:
            s?.onTimeRate === null || s === undefined ? '—' : `${Math.round(s.onTimeRate * 1000) / 10}%`,
        };
      }),
    });
  });

  app.get('/hudong/write/:id', async (request, reply) => {
    const channel = await channelOf(request);
    if (!channel) return render(request, reply, 404, '留言渠道不存在', { view: 'missing' });
    return render(request, reply, 200, `写信：${channel.name}`, formView(channel, {}, null));
  });

  app.post('/hudong/write/:id', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const channelId = Number((request.params as { id?: string }).id);
    const fields = bodyOf(request);
    try {
      if (!Number.isInteger(channelId) || channelId <= 0 || channelId > 2_147_483_647) {
        throw new GazetteError('GZ_CHANNEL_NOT_FOUND');
      }
      // The guard first (in submitLetter): a flood from one address is turned away before any database read.
      const receipt = await submitLetter(
        deps,
        channelId,
        {
          name: field(fields, 'name'),
          phone: field(fields, 'phone'),
          email: field(fields, 'email'),
          address: field(fields, 'address'),
          subject: field(fields, 'subject'),
          body: field(fields, 'body'),
          wantsPublic: field(fields, 'wantsPublic') === '1',
          consent: field(fields, 'consent') === '1',
        },
        submissionOf(fields, `interact:${channelId}`, clientAddress(request)),
      );
      const channel = await channelOf(request);
      return await render(request, reply, 201, '留言已提交', {
        view: 'receipt',
        channelName: channel?.name ?? '',
        receipt,
      });
    } catch (error) {
      const status = refusalStatus(error, reply);
      if (status === null) throw error;
      if (status === 429) return sendRateLimited(reply);
      const channel = await channelOf(request);
      if (!channel) return render(request, reply, 404, '留言渠道不存在', { view: 'missing' });
      return render(
        request,
        reply,
        status,
        `写信：${channel.name}`,
        formView(channel, fields, formErrorOf(error)),
      );
    }
  });

  const statusView = (status: LetterStatus, code: string) => ({
    view: 'status',
    letter: {
      ...status,
      statusLabel: MESSAGE_STATUS_LABELS[status.status],
      bodyParagraphs: paragraphs(status.body),
      replyParagraphs: paragraphs(status.replyText),
      ratingLabel: status.rating ? RATING_LABELS[status.rating] : '',
    },
    code,
    ratings: RATINGS.map((value) => ({
      value,
      label: RATING_LABELS[value],
      checked: value === status.rating,
    })),
  });

  app.get('/hudong/query', async (request, reply) =>
    render(request, reply, 200, '留言查询', { view: 'query', error: null, number: '' }),
  );

  /** The status page after a look-up or a rating; a refused one shows the look-up form again with why. */
  const statusPage =
    (read: (fields: FormFields, number: string, code: string, address: string) => Promise<LetterStatus>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const fields = bodyOf(request);
      const number = field(fields, 'number').slice(0, 40);
      const code = field(fields, 'code').slice(0, 40);
      try {
        const status = await read(fields, number, code, clientAddress(request));
        return await render(request, reply, 200, '留言查询', {
          ...statusView(status, code),
          rated: fields['rating'] !== undefined,
        });
      } catch (error) {
        const status = refusalStatus(error, reply);
        if (status === null) throw error;
        if (status === 429) return sendRateLimited(reply);
        return render(request, reply, status, '留言查询', {
          view: 'query',
          error: formErrorOf(error),
          number,
        });
      }
    };

  app.post(
    '/hudong/query',
    { bodyLimit: 8 * 1024 },
    statusPage((_fields, number, code, address) => lookupLetter(deps, number, code, address)),
  );
  app.post(
    '/hudong/rate',
    { bodyLimit: 8 * 1024 },
    statusPage((fields, number, code, address) =>
      rateLetter(deps, number, code, field(fields, 'rating') as Rating, address),
    ),
  );

  app.get('/hudong/list/', async (request, reply) => {
    const site = await siteOf(request);
    const query = request.query as Record<string, unknown>;
    const one = (value: unknown) => (typeof value === 'string' ? value : '');
    const page = Math.min(Math.max(Number.parseInt(one(query['page']), 10) || 1, 1), 10_000);
    const channelId = Number.parseInt(one(query['channel']), 10);
    const channels = (await listChannels(deps, site.id)).filter((c) => c.enabled);
    const chosen = channels.find((c) => c.id === channelId) ?? null;
    const { items, hasNext } = await readPublishedLetters(deps, site.id, chosen?.id ?? null, page);
    const link = (p: number) => `/hudong/list/?${chosen ? `channel=${chosen.id}&` : ''}page=${p}`;
    return render(request, reply, 200, '留言选登', {
      view: 'list',
      channels: channels.map((c) => ({ id: c.id, name: c.name, current: c.id === chosen?.id })),
      items: items.map((item) => ({ ...item, url: `/hudong/letters/${item.number}` })),
      prevUrl: page > 1 ? link(page - 1) : '',
      nextUrl: hasNext ? link(page + 1) : '',
      page,
    });
  });

  app.get('/hudong/letters/:number', async (request, reply) => {
    const site = await siteOf(request);
    const number = String((request.params as { number?: string }).number ?? '').slice(0, 40);
    const letter = await readPublishedLetter(deps, site.id, number);
    if (!letter) return render(request, reply, 404, '留言未公开或不存在', { view: 'missing' });
    return render(request, reply, 200, letter.subject, {
      view: 'letter',
      letter: {
        ...letter,
        bodyParagraphs: paragraphs(letter.body),
        replyParagraphs: paragraphs(letter.replyText),
      },
    });
  });
}
