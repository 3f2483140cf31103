import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Drop } from 'liquidjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayView, loadTheme, type PageView, type Theme } from '../../src/render/index.js';
import { sampleViews } from '../fixtures/sample-views.js';
import { loadSiteIndex, pageUrls, renderPage, siteContextOf } from '../../src/publish/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * Compiled templates (src/render/compile.ts) must write exactly what LiquidJS writes: every page of the
 * demo site, every sample view in every reading mode, and small templates aimed at the corners of Liquid's
 * rules, each rendered both ways.
 */
const THEME_DIR = new URL('../../themes/default', import.meta.url).pathname;

describe('the default theme', () => {
  const compiled = loadTheme(THEME_DIR);
  const interpreted = loadTheme(THEME_DIR, 'default', { compile: false });

  it('compiles every page template', () => {
    const templates = readdirSync(join(THEME_DIR, 'templates')).map((f) => f.replace(/\.liquid$/, ''));
    expect(templates.length).toBeGreaterThanOrEqual(8);
    for (const template of templates)
      expect([template, compiled.uncompiled(template)]).toEqual([template, undefined]);
    expect(interpreted.uncompiled('article')).toBe('compiling is switched off');
  });

  it('writes the sample views byte for byte as LiquidJS does, in every reading mode', async () => {
    let compared = 0;
    for (const view of sampleViews(compiled)) {
      for (const elder of [false, true])
        for (const contrast of [false, true])
          for (const fontSize of ['s', 'm', 'l'] as const)
            for (const mourning of [false, true]) {
              const display = displayView({
                theme: compiled,
                template: view.template,
                path: '/some/page/?q=<x>&y="1"',
                preferences: { elder, contrast, fontSize },
                mourning,
              });
              const v = { ...view, display } as PageView;
              expect(await compiled.render(v)).toBe(await interpreted.render(v));
              compared++;
            }
    }
    expect(compared).toBeGreaterThanOrEqual(8 * 24);
    expect(compiled.renders).toEqual({ compiled: compared, interpreted: 0 });
  });
});

describe('every page of the demo site', () => {
  let t: TestGazette;
  beforeAll(async () => {
    t = await startTestGazette();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is the same compiled and interpreted', async () => {
    const store = t.gazette.deps.store;
    const index = await loadSiteIndex(store, await siteContextOf(store, undefined));
    const compiled = loadTheme(THEME_DIR);
    const interpreted = loadTheme(THEME_DIR, 'default', { compile: false });
    const now = t.clock.now();
    const urls = pageUrls(index);
    expect(urls.length).toBeGreaterThan(50);
    for (const url of urls) {
      const a = await renderPage({ store, theme: compiled, now, index }, url);
      const b = await renderPage({ store, theme: interpreted, now, index }, url);
      expect([url, a?.html]).toEqual([url, b?.html]);
    }
    expect(compiled.renders).toEqual({ compiled: urls.length, interpreted: 0 });
    expect(interpreted.renders.interpreted).toBe(urls.length);
  }, 60_000);
});

/** Small themes written for one rule each; `compiled` says whether the compiler should take them. */
describe('Liquid rules, compiled and interpreted', () => {
  let dir: string;
  const themes: { compiled: Theme; interpreted: Theme }[] = [];
  const files: Record<string, string> = {
    'templates/values.liquid':
      '{{ a }}|{{ a.b }}|{{ a.size }}|{{ a.first }}|{{ a.last }}|{{ a[0] }}|{{ a[-1] }}|{{ a["b"] }}|{{ a[k] }}|{{ missing.x.y }}',
    'templates/conditions.liquid':
      '{% if a == blank %}B{% endif %}{% if a != blank %}N{% endif %}{% if a == empty %}E{% endif %}' +
      '{% if a == nil %}0{% endif %}{% if a %}T{% else %}F{% endif %}{% if a > 1 %}G{% endif %}' +
      '{% if a <= 1 %}L{% endif %}{% if a contains "x" %}C{% endif %}{% if not a %}!{% endif %}' +
      '{% if a and b or c %}&{% endif %}{% if a == b %}={% endif %}{% if a.size > 0 %}S{% elsif a %}s{% else %}-{% endif %}' +
      '{% unless a %}U{% elsif b %}u{% else %}x{% endunless %}{% if blank == a %}b{% endif %}{% if "" == a %}q{% endif %}',
    'templates/loops.liquid':
      '{% for x in a %}[{{ forloop.index }}/{{ forloop.length }}{% if forloop.first %}F{% endif %}' +
      '{% if forloop.last %}L{% endif %}{{ forloop.rindex0 }}:{{ x }}{% for y in b %}({{ forloop.index0 }}{{ y }}{{ x }}){% endfor %}' +
      '{% assign seen = x %}]{% else %}empty{% endfor %}{{ seen }}|{{ x }}|' +
      '{% for x in a limit: 2 %}{{ x }}{% endfor %}|{% for x in a offset: 1 %}{{ x }}{% endfor %}|' +
      '{% for x in a reversed %}{{ x }}{% endfor %}|{% for x in a limit: 1 %}{{ x }}{% endfor %}{% for x in a offset: continue %}{{ x }}{% endfor %}',
    'templates/partials.liquid':
      '{% assign outer = "o" %}{% render "tree", node: tree, depth: 1 %}|{{ leaked }}|{% render "sees", flag %}',
    'partials/tree.liquid':
      '<{{ node.name }}:{{ depth }}:{{ outer }}{% assign leaked = "x" %}{% for child in node.children %}{% render "tree", node: child, depth: 2 %}{% endfor %}>',
    'partials/sees.liquid': '{{ flag }}{{ a }}',
    'layouts/frame.liquid':
      '<h>{{ title }}{{ from_child }}</h>{% block head %}default head{% endblock %}<m>{% block %}{% endblock %}</m>{% block foot %}foot:{{ x }}{% endblock %}',
    'templates/layout.liquid':
      '{% layout "frame", x: a %}{% assign from_child = "c" %}{% block head %}child {{ block.super }} head{% endblock %}' +
      'ignored text{% block foot %}[{{ block.super }}]{% endblock %}',
    'templates/anonymous.liquid': '{% layout "frame" %}body text {{ a }}',
    'templates/escaping.liquid':
      '{{ a }}|{{ a | raw }}|{{ a | append: "<&>" }}|{{ a | upcase | raw }}|{{ a | escape }}|{{ a | escape | raw }}|{{ a | size }}',
    'templates/fragments.liquid': '{% fragment "sees", flag: a %}{% fragment "sees", flag: a %}',
    'templates/continued.liquid':
      '{% for x in a %}{{ x }}{% endfor %}|{% for x in a offset: continue %}{{ x }}{% endfor %}|{{ a == b }}|{{ a.b == 1 }}',
    'templates/relative.liquid': '{% render "./sees" %}',
    'templates/rec-first.liquid': '{% render "rec-a" %}',
    'templates/rec-root.liquid': '{% render "rec-b" %}',
    'partials/rec-a.liquid': '{% render "rec-b" %}{% tablerow x in a %}{{ x }}{% endtablerow %}',
    'partials/rec-b.liquid': '{% if false %}{% render "rec-a" %}{% endif %}B',
    'templates/fallback.liquid':
      '{% case a %}{% when 1 %}one{% else %}other{% endcase %}{% capture c %}{{ a }}{% endcapture %}{{ c }}',
  };
  const names = [
    'values',
    'conditions',
    'loops',
    'continued',
    'partials',
    'layout',
    'anonymous',
    'escaping',
    'fragments',
  ];

  class Stranger extends Drop {
    override liquidMethodMissing(key: string): string {
      return `<${key}>`;
    }
  }
  /** A drop whose `==` answers a word, not a boolean (LiquidJS prints what it answers). */
  class Yes extends Drop {
    equals(): string {
      return 'yes';
    }
    gt(): boolean {
      return false;
    }
    geq(): boolean {
      return false;
    }
    lt(): boolean {
      return false;
    }
    leq(): boolean {
      return false;
    }
  }
  class Hidden {
    shown = 'own';
    get inherited(): string {
      return 'not own';
    }
  }
  const values: unknown[] = [
    undefined,
    null,
    false,
    true,
    0,
    1,
    2.5,
    '',
    '  ',
    'x',
    '<b class="q">\'&amp;</b>',
    [],
    ['x', 'y', 'z'],
    [['a', 'b'], 'c'],
    [null, undefined, 0],
    {},
    { b: 'bee', size: 7, first: 'f', last: 'l' },
    { b: { c: 1 }, k: 'b' },
    new Hidden(),
    { b: () => 'called' },
    new Yes(),
    {
      // A generator read as a value: LiquidJS runs it to its result.
      get b() {
        return (function* () {
          yield 1;
          return 'generated';
        })();
      },
    },
  ];
  const scopes = values.flatMap((a) => [
    {
      a,
      b: ['1', '2'],
      c: false,
      k: 0,
      tree: { name: 'r', children: [{ name: 'c1', children: [] }, { name: 'c2' }] },
    },
    { a, b: a, c: true, k: 'b', flag: '<f>' },
  ]);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-compile-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    themes.push({
      compiled: loadTheme(dir, 'rules'),
      interpreted: loadTheme(dir, 'rules', { compile: false }),
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const render = (theme: Theme, template: string, scope: object) =>
    theme.render({ ...scope, template } as unknown as PageView).then(
      (html) => html,
      (error: unknown) => `error: ${(error as Error).name}`,
    );

  it.each(names)('%s: compiled, and the same output for every value', async (name) => {
    const { compiled, interpreted } = themes[0]!;
    expect(compiled.uncompiled(name)).toBeUndefined();
    const before = { ...compiled.renders };
    let differentOutputs = new Set<string>();
    for (const scope of scopes) {
      const expected = await render(interpreted, name, scope);
      expect([name, scope, await render(compiled, name, scope)]).toEqual([name, scope, expected]);
      differentOutputs = differentOutputs.add(expected);
    }
    // Every page was rendered by the compiled template (none handed over to LiquidJS), …
    expect(compiled.renders.interpreted).toBe(before.interpreted);
    expect(compiled.renders.compiled - before.compiled).toBe(scopes.length);
    // … and the cases do tell values apart (a test of one output would prove nothing).
    expect(differentOutputs.size).toBeGreaterThan(name === 'fragments' || name === 'partials' ? 1 : 5);
  });

  it('renders a template it cannot compile with LiquidJS, and says why', async () => {
    const { compiled, interpreted } = themes[0]!;
    expect(compiled.uncompiled('fallback')).toMatch(/tag case/);
    for (const scope of scopes)
      expect(await render(compiled, 'fallback', scope)).toBe(await render(interpreted, 'fallback', scope));
  });

  it('hands a value it cannot read as LiquidJS does (a drop answering unknown keys) to LiquidJS', async () => {
    const { compiled, interpreted } = themes[0]!;
    const scope = { a: new Stranger() };
    const before = compiled.renders.interpreted;
    const html = await render(compiled, 'values', scope);
    expect(compiled.renders.interpreted).toBe(before + 1);
    expect(html).toContain('&lt;b&gt;');
    expect(html).toBe(await render(interpreted, 'values', scope));
  });

  it('does not compile a partial named relative to its file, nor anything that includes an uncompilable one', () => {
    const { compiled } = themes[0]!;
    expect(compiled.uncompiled('relative')).toMatch(/relative to its file/);
    // rec-a cannot be compiled (tablerow); rec-b, which includes it, then cannot be either.
    expect(compiled.uncompiled('rec-first')).toMatch(/tablerow/);
    expect(compiled.uncompiled('rec-root')).toMatch(/tablerow/);
  });

  it('fails the same way as LiquidJS on a missing partial', async () => {
    writeFileSync(join(dir, 'templates/broken.liquid'), '{% render "nowhere" %}');
    const fresh = loadTheme(dir, 'rules');
    expect(fresh.uncompiled('broken')).toMatch(/nowhere/);
    await expect(fresh.render({ template: 'broken' } as unknown as PageView)).rejects.toThrow(/nowhere/);
  });
});
