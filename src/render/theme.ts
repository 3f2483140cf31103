import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createTemplateCompiler } from './compile.js';
import { createLiquidEngine } from './liquid-engine.js';
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
  const engine = createLiquidEngine([join(dir, 'templates'), join(dir, 'layouts'), join(dir, 'partials')]);
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
