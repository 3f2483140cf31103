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
import { FRAGMENT, type FragmentNode } from './compile.js';

/**
 * The LiquidJS engine of a theme: its options and Gazette's own tag (`fragment`). With compile.ts (which
 * reads the templates LiquidJS has parsed), the only files that use LiquidJS: an upgrade of it is checked
 * here and there (test/render/liquid-boundary.test.ts keeps it so).
 */
export function createLiquidEngine(roots: readonly string[]): Liquid {
  const engine = new Liquid({
    root: [...roots],
    extname: '.liquid',
    outputEscape: 'escape',
    strictFilters: true,
    cache: true,
    jsTruthy: false,
    greedy: false,
  });
  engine.registerTag('fragment', fragmentTag(fragmentMemo(FRAGMENT_MEMO_SIZE)));
  return engine;
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
