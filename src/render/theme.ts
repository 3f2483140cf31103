import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  evalQuotedToken,
  Hash,
  Liquid,
  Tag,
  TypeGuards,
  type Context,
  type Emitter,
  type TagToken,
  type TopLevelToken,
} from 'liquidjs';
import { createTemplateCompiler, FRAGMENT, type FragmentNode } from './compile.js';
import type { PageView } from './view-models.js';

export interface ThemeAsset {
  /** Public URL with the content hash, e.g. /assets/site.3f2a9c1b.css */
  readonly url: string;
  readonly body: Buffer;
  readonly contentType: string;
}

export interface Theme {
  readonly name: string;
  render(view: PageView): Promise<string>;
  /** Hashed URL of an asset by its file name, e.g. `site.css`. */
  assetUrl(fileName: string): string;
  /** Asset by hashed URL path, for the server and the static build. */
  asset(urlPath: string): ThemeAsset | undefined;
  readonly assets: readonly ThemeAsset[];
  /**
   * Why a page template renders with LiquidJS itself rather than compiled (see src/render/compile.ts),
   * or undefined when it is compiled. The output is the same either way; only the speed differs.
   */
  uncompiled(template: string): string | undefined;
  /** Pages rendered so far by compiled templates and by LiquidJS itself (diagnostics and tests). */
  readonly renders: { readonly compiled: number; readonly interpreted: number };
}

export interface ThemeOptions {
  /** Render with compiled templates where possible (default); false renders everything with LiquidJS. */
  readonly compile?: boolean;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function loadAssets(dir: string): Map<string, { url: string; asset: ThemeAsset }> {
  const byName = new Map<string, { url: string; asset: ThemeAsset }>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile());
  } catch {
    return byName;
  }
  // Stylesheets last: their `url(name)` references to sibling assets become the hashed URLs.
  const ordered = [
    ...names.filter((n) => extname(n) !== '.css'),
    ...names.filter((n) => extname(n) === '.css'),
  ];
  for (const name of ordered) {
    const raw = readFileSync(join(dir, name));
    const body = extname(name) === '.css' ? linkSiblings(raw, byName) : raw;
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const ext = extname(name);
    const url = `/assets/${name.slice(0, -ext.length)}.${hash}${ext}`;
    byName.set(name, {
      url,
      asset: { url, body, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' },
    });
  }
  return byName;
}

/** Rewrites `url(cursor.svg)` / `url('cursor.svg')` in a stylesheet to the sibling asset's hashed URL. */
function linkSiblings(css: Buffer, byName: ReadonlyMap<string, { url: string }>): Buffer {
  const text = css.toString('utf8');
  const linked = text.replace(/url\((['"]?)([\w.-]+)\1\)/g, (match, _quote: string, name: string) => {
    const found = byName.get(name);
    return found ? `url('${found.url}')` : match;
  });
  return linked === text ? css : Buffer.from(linked, 'utf8');
}

/**
 * Loads a theme from its directory: Liquid templates under `templates/`, `layouts/` and `partials/`,
 * static files under `assets/`. Output is HTML-escaped by default; only fields named `...Html`
 * (sanitised before storage) are printed with `| raw`.
 */
export function loadTheme(dir: string, name = 'default', options: ThemeOptions = {}): Theme {
  const engine = new Liquid({
    root: [join(dir, 'templates'), join(dir, 'layouts'), join(dir, 'partials')],
    extname: '.liquid',
    outputEscape: 'escape',
    strictFilters: true,
    cache: true,
    jsTruthy: false,
    greedy: false,
  });
  engine.registerTag('fragment', fragmentTag(fragmentMemo(FRAGMENT_MEMO_SIZE)));
  const assets = loadAssets(join(dir, 'assets'));
  const byUrl = new Map([...assets.values()].map(({ url, asset }) => [url, asset]));
  const compiler = options.compile === false ? undefined : createTemplateCompiler(engine);
  const renders = { compiled: 0, interpreted: 0 };
  return {
    name,
    // Compiled where possible; otherwise LiquidJS's synchronous path: the templates use no async tags or
    // filters, and it avoids a promise per node (about 40 % less CPU per page than the async one).
    render: (view) => {
      const compiled = compiler?.compile(view.template);
      if (typeof compiled === 'function') {
        try {
          const html = compiled(view);
          renders.compiled++;
          return Promise.resolve(html);
        } catch {
          // A value the compiled form does not treat as LiquidJS would, or an error: LiquidJS renders
          // the page, and reports the error in its own words if there is one.
        }
      }
      renders.interpreted++;
      try {
        return Promise.resolve(engine.renderFileSync(view.template, view) as string);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    renders,
    uncompiled(template) {
      if (!compiler) return 'compiling is switched off';
      const compiled = compiler.compile(template);
      return typeof compiled === 'function' ? undefined : compiled.uncompilable;
    },
    assetUrl(fileName) {
      const found = assets.get(fileName);
      if (!found) throw new Error(`Theme ${name} has no asset ${fileName}`);
      return found.url;
    },
    asset: (urlPath) => byUrl.get(urlPath),
    assets: [...byUrl.values()],
  };
}

/** Distinct fragments kept per theme: a site's header in each column and reader preference, its footer. */
const FRAGMENT_MEMO_SIZE = 512;

/** Remembered fragments, least recently used dropped first; shared by LiquidJS and the compiled form. */
function fragmentMemo(maxEntries: number): (key: string, render: () => string) => string {
  const memo = new Map<string, string>();
  return (key, render) => {
    let html = memo.get(key);
    if (html === undefined) {
      html = render();
      if (memo.size >= maxEntries) {
        const oldest = memo.keys().next().value;
        if (oldest !== undefined) memo.delete(oldest);
      }
    } else memo.delete(key);
    memo.set(key, html);
    return html;
  };
}

/**
 * `{% fragment 'site-header', site: site, display: display %}` renders a partial as `{% render %}` does,
 * and remembers the output under the partial's name and the JSON of its arguments. The header and footer
 * are the same on most pages and were two thirds of an article's render time (bench/render); since the
 * key is everything the partial can see, a remembered fragment is never out of date and needs no
 * invalidation. Only for partials that read nothing but their arguments (no filters with a clock).
 */
function fragmentTag(memo: (key: string, render: () => string) => string) {
  return class FragmentTag extends Tag {
    readonly [FRAGMENT]: FragmentNode;
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      const name = this.tokenizer.readValue();
      if (!name || !TypeGuards.isQuotedToken(name))
        throw new Error(`fragment: the partial's name must be a quoted string (${token.getText()})`);
      const file = evalQuotedToken(name);
      this[FRAGMENT] = {
        file,
        args: new Hash(this.tokenizer, liquid.options.keyValueSeparator),
        // The key is everything the partial sees: its name and the JSON of its arguments.
        remember: (scope, render) => memo(`${file}\u0000${JSON.stringify(scope)}`, render),
      };
    }
    *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const { file, args, remember } = this[FRAGMENT];
      const scope = (yield args.render(ctx)) as Record<string, unknown>;
      emitter.write(remember(scope, () => this.liquid.renderFileSync(file, scope) as string));
    }
  };
}
