import type { Hash } from 'liquidjs';
import {
  AssignTag,
  BlockTag,
  CommentTag,
  Context,
  defaultOperators,
  Drop,
  filters as builtinFilters,
  ForTag,
  IfTag,
  InlineCommentTag,
  LayoutTag,
  Output,
  RenderTag,
  toValueSync,
  TypeGuards,
  UnlessTag,
  type Liquid,
  type Template,
  type Token,
  type Value,
} from 'liquidjs';

/**
 * A faster way to render the same Liquid: the templates LiquidJS has parsed, turned into plain JavaScript
 * closures once, for the part of Liquid the themes use (output with filters, if/elsif/else, unless, for,
 * assign, comment, render, layout and block, and the theme's `fragment` tag).
 *
 * LiquidJS stays the parser and the reference: each rule below mirrors the code LiquidJS runs for the same
 * node (property reads with `size`/`first`/`last` and own properties only, `blank`/`empty`/`nil` compared
 * by LiquidJS's own drops, truthiness without jsTruthy, escaping of every output not ending in `raw`,
 * blocks stored by the child and written by the layout). What it does not know, it does not guess:
 * - a template that uses anything else (another tag, a filter that reads the render context or that the
 *   theme registered itself, a partial named by an expression or relative to its file, a range) is not
 *   compiled, nor is any page that includes it; nor is anything with an engine set otherwise than the
 *   theme's (`checkOptions`), e.g. without its template cache, since compiled templates never re-read files;
 * - at render time, a value it cannot treat the same way (a promise, a drop with its own
 *   `liquidMethodMissing`) or any error makes the page render with LiquidJS instead.
 * So a compiled page is byte for byte what LiquidJS writes (test/render/compile.test.ts renders every
 * template of the default theme on many views both ways), only without LiquidJS's generator per node:
 * an article page costs about a fifth of the time (bench/render). The views are plain data: a value with
 * side effects when read (a drop method, a one-shot iterable) would run again when a page bails out.
 */
export type CompiledTemplate = (scope: object) => string;

/** Compiles a root template (with its layout and partials), or says why it cannot. */
export interface TemplateCompiler {
  compile(file: string): CompiledTemplate | Uncompilable;
}

export interface Uncompilable {
  readonly uncompilable: string;
}

/** How the theme's `fragment` tag is compiled: its partial, arguments and memo. */
export interface FragmentNode {
  readonly file: string;
  readonly args: Hash;
  /** The remembered output for these arguments, or `render`'s, remembered (see theme.ts). */
  readonly remember: (scope: Readonly<Record<string, unknown>>, render: () => string) => string;
}

/** Marks a template node as the `fragment` tag for the compiler. */
export const FRAGMENT = Symbol('gazette.fragment');

/** Thrown while rendering when LiquidJS must render the page instead. */
class Bailout extends Error {}

type Scope = Record<string, unknown>;

/** The state LiquidJS keeps in a `Context`: scopes (bottom first), the environment, registers. */
interface Frame {
  readonly scopes: Scope[];
  readonly env: object;
  readonly registers: Registers;
}

interface Registers {
  blockMode?: number;
  blocks?: Record<string, BlockRender>;
  blockStack?: unknown[];
}

/** The parts of LiquidJS's Filter the compiler reads. */
interface FilterNode {
  readonly name: string;
  readonly handler: unknown;
  readonly args: readonly unknown[];
  readonly token: unknown;
}

interface Out {
  s: string;
}

type Node = (frame: Frame, out: Out) => void;
type Expr = (frame: Frame) => unknown;
type BlockRender = (superBlock: Drop, out: Out) => void;

const OUTPUT_MODE = 0;
const STORE_MODE = 1;

const hasOwn = (obj: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(obj, key);

function createScope(from?: object): Scope {
  const scope = Object.create(null) as Scope;
  if (from) Object.assign(scope, from);
  return scope;
}

// ---- values, as LiquidJS reads and writes them --------------------------------------------------------

function isFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function';
}

function toValue(value: unknown): unknown {
  return value instanceof Drop && isFunction((value as { valueOf?: unknown }).valueOf)
    ? (value as { valueOf(): unknown }).valueOf()
    : value;
}

function toLiquid(value: unknown): unknown {
  let current = value;
  while (current && isFunction((current as { toLiquid?: unknown }).toLiquid)) {
    current = (current as { toLiquid(): unknown }).toLiquid();
  }
  return current;
}

/** A generator is what LiquidJS drives to its value; a promise cannot be in a synchronous render. */
function settle(value: unknown): unknown {
  if (value && typeof value === 'object') {
    if (isFunction((value as { then?: unknown }).then)) throw new Bailout('promise');
    const it = value as { next?: unknown; throw?: unknown; return?: unknown };
    if (isFunction(it.next) && isFunction(it.throw) && isFunction(it.return)) {
      const settled = toValueSync(value);
      if (settled && isFunction((settled as { then?: unknown }).then)) throw new Bailout('promise');
      return settled;
    }
  }
  return value;
}

function stringify(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => stringify(x)).join('');
  // Objects print as `[object Object]`, as LiquidJS prints them.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return String(v);
}

function isFalsy(value: unknown): boolean {
  const v = toValue(value);
  return v === false || v === undefined || v === null;
}

function readArrayElement(array: readonly unknown[], index: number): unknown {
  const at = index < 0 ? array.length + index : index;
  return hasOwn(array, at) ? array[at] : undefined;
}

function readJSProperty(obj: object, key: PropertyKey): unknown {
  if (!hasOwn(obj, key) && !(obj instanceof Drop)) return undefined;
  return (obj as Record<PropertyKey, unknown>)[key];
}

// Compared by identity only, never called unbound.
// eslint-disable-next-line @typescript-eslint/unbound-method
const baseMethodMissing = Drop.prototype.liquidMethodMissing;

/** LiquidJS drives what a property read gives (a generator to its value), as `settle` does here. */
function readProperty(target: unknown, rawKey: unknown): unknown {
  return settle(readRawProperty(target, rawKey));
}

function readRawProperty(target: unknown, rawKey: unknown): unknown {
  const obj = toLiquid(target);
  const key = toValue(rawKey);
  if (obj === null || obj === undefined) return obj;
  if (Array.isArray(obj) && typeof key === 'number') return readArrayElement(obj, key);
  const value = readJSProperty(Object(obj) as object, key as PropertyKey);
  if (value === undefined && obj instanceof Drop) {
    if (obj.liquidMethodMissing !== baseMethodMissing) throw new Bailout('liquidMethodMissing');
    return undefined;
  }
  if (isFunction(value)) return value.call(obj);
  if (key === 'size') return readSize(obj);
  if (key === 'first')
    return Array.isArray(obj) ? readArrayElement(obj, 0) : readJSProperty(Object(obj) as object, 'first');
  if (key === 'last')
    return Array.isArray(obj) ? readArrayElement(obj, -1) : readJSProperty(Object(obj) as object, 'last');
  return value;
}

function readSize(obj: unknown): unknown {
  const o = Object(obj) as Record<string, unknown>;
  if (hasOwn(o, 'size') || o['size'] !== undefined) return o['size'];
  if (Array.isArray(obj) || typeof obj === 'string') return (obj as { length: number }).length;
  if (typeof obj === 'object') return Object.keys(obj as object).length;
  return undefined;
}

function toEnumerable(value: unknown): unknown[] {
  const v = toValue(value);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' && v.length > 0) return [v];
  if (v !== null && v !== undefined && isFunction((v as { [Symbol.iterator]?: unknown })[Symbol.iterator]))
    return Array.from(v as Iterable<unknown>);
  if (v !== null && (typeof v === 'object' || typeof v === 'function'))
    return Object.keys(v).map((key) => [key, (v as Record<string, unknown>)[key]]);
  return [];
}

/** The escape filter's replacements (LiquidJS's own table). */
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};
const NEEDS_ESCAPE = /[&<>"']/;

function escapeHtml(value: unknown): string {
  const text = stringify(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string) : text;
}

// ---- comparisons, as LiquidJS's operators make them ----------------------------------------------------

interface Comparable {
  equals(value: unknown): unknown;
  gt(value: unknown): unknown;
  geq(value: unknown): unknown;
  lt(value: unknown): unknown;
  leq(value: unknown): unknown;
}

function isComparable(value: unknown): value is Comparable {
  const c = value as Partial<Comparable> | null | undefined;
  return (
    !!c &&
    isFunction(c.equals) &&
    isFunction(c.gt) &&
    isFunction(c.geq) &&
    isFunction(c.lt) &&
    isFunction(c.leq)
  );
}

/** What `==` gives: a drop's own answer as it is (LiquidJS does not make it a boolean). */
function equals(lhs: unknown, rhs: unknown): unknown {
  if (isComparable(lhs)) return settle(lhs.equals(rhs));
  if (isComparable(rhs)) return settle(rhs.equals(lhs));
  const l = toValue(lhs);
  const r = toValue(rhs);
  if (Array.isArray(l)) {
    return Array.isArray(r) && l.length === r.length && l.every((item, i) => !!equals(item, r[i]));
  }
  return l === r;
}

type Binary = (l: unknown, r: unknown) => unknown;

function ordered(
  method: 'gt' | 'lt' | 'geq' | 'leq',
  mirror: 'gt' | 'lt' | 'geq' | 'leq',
  cmp: Binary,
): Binary {
  return (l, r) => {
    if (isComparable(l)) return settle(l[method](r));
    if (isComparable(r)) return settle(r[mirror](l));
    return cmp(toValue(l), toValue(r));
  };
}

const BINARY: Readonly<Record<string, Binary>> = {
  '==': (l, r) => equals(l, r),
  '!=': (l, r) => !equals(l, r),
  '>': ordered('gt', 'lt', (l, r) => (l as number) > (r as number)),
  '<': ordered('lt', 'gt', (l, r) => (l as number) < (r as number)),
  '>=': ordered('geq', 'leq', (l, r) => (l as number) >= (r as number)),
  '<=': ordered('leq', 'geq', (l, r) => (l as number) <= (r as number)),
  contains: (l, r) => {
    const list = toValue(l);
    if (Array.isArray(list)) return list.some((item) => !!equals(item, r));
    if (isFunction((list as { indexOf?: unknown } | null | undefined)?.indexOf))
      return (list as { indexOf(x: unknown): number }).indexOf(toValue(r)) > -1;
    return false;
  },
  and: (l, r) => !isFalsy(toValue(l)) && !isFalsy(toValue(r)),
  or: (l, r) => !isFalsy(toValue(l)) || !isFalsy(toValue(r)),
};

const FOR_MODIFIERS = ['offset', 'limit', 'reversed'];

/** `for … limit: n offset: m reversed`, applied in LiquidJS's order; undefined when the tag has none. */
function forModifiers(
  liquid: Liquid,
  args: ((frame: Frame) => Scope) | undefined,
): ((frame: Frame, items: unknown[]) => { list: unknown[]; offset: unknown }) | undefined {
  if (!args) return undefined;
  const ordered = !!liquid.options.orderedFilterParameters;
  return (frame, items) => {
    const h = args(frame);
    const names = ordered
      ? Object.keys(h).filter((x) => FOR_MODIFIERS.includes(x))
      : FOR_MODIFIERS.filter((x) => h[x] !== undefined);
    const list = names.reduce((acc, modifier) => {
      if (modifier === 'offset') return acc.slice(h['offset'] as number);
      if (modifier === 'limit') return acc.slice(0, h['limit'] as number);
      return [...acc].reverse();
    }, items);
    return { list, offset: h['offset'] };
  };
}

// ---- the compiler ----------------------------------------------------------------------------------------

class NotCompilable extends Error {}

function handlerOf(impl: unknown): unknown {
  return isFunction(impl) ? impl : (impl as { handler?: unknown } | undefined)?.handler;
}

function refuse(what: string): never {
  throw new NotCompilable(what);
}

/**
 * LiquidJS's own filters that read nothing of the render context but its options (no scope, no registers),
 * so they run the same from the compiled form.
 */
const CONTEXT_FREE_FILTERS = new Set([
  'append',
  'prepend',
  'capitalize',
  'downcase',
  'upcase',
  'strip',
  'lstrip',
  'rstrip',
  'strip_html',
  'strip_newlines',
  'newline_to_br',
  'truncate',
  'truncatewords',
  'replace',
  'replace_first',
  'remove',
  'remove_first',
  'split',
  'join',
  'first',
  'last',
  'size',
  'reverse',
  'slice',
  'plus',
  'minus',
  'times',
  'divided_by',
  'modulo',
  'abs',
  'ceil',
  'floor',
  'round',
  'at_least',
  'at_most',
  'url_encode',
  'url_decode',
  'escape_once',
  'default',
  'json',
  'date',
  'compact',
  'uniq',
  'sort',
  'sort_natural',
  'map',
  'concat',
  'xml_escape',
  'cgi_escape',
  'uri_escape',
]);

/** The options this compiler mirrors; an engine set otherwise renders with LiquidJS only. */
function checkOptions(liquid: Liquid): void {
  const o = liquid.options as unknown as Record<string, unknown>;
  const expect: Record<string, unknown> = {
    jsTruthy: false,
    strictVariables: false,
    ownPropertyOnly: true,
    lenientIf: false,
    keepOutputType: false,
    dynamicPartials: true,
  };
  for (const [name, value] of Object.entries(expect)) {
    if (o[name] !== value) refuse(`option ${name}`);
  }
  if (o['catchAllErrors']) refuse('option catchAllErrors');
  if (!o['cache']) refuse('no template cache (compiled templates never re-read their files)');
  if (o['renderLimit'] !== Infinity || o['memoryLimit'] !== Infinity) refuse('render or memory limit');
  const operators = o['operators'] as Record<string, unknown>;
  const known = defaultOperators as unknown as Record<string, unknown>;
  if (
    Object.keys(operators).length !== Object.keys(known).length ||
    Object.entries(operators).some(([name, op]) => known[name] !== op)
  )
    refuse('custom operators');
  const globals = o['globals'] as object | undefined;
  if (globals && Object.keys(globals).length > 0) refuse('globals');
}

interface Compiled {
  /** Filled once the template has compiled (a partial can include itself). */
  run: Node | undefined;
}

export function createTemplateCompiler(liquid: Liquid): TemplateCompiler {
  const partials = new Map<string, Compiled>();
  /** Partials entered during the current `compile`: all forgotten when it fails (one may point at another). */
  let added: string[] = [];
  const roots = new Map<string, CompiledTemplate | Uncompilable>();
  const filterNames = new Map<unknown, string>();
  for (const [name, impl] of Object.entries(liquid.filters)) filterNames.set(handlerOf(impl), name);
  // LiquidJS's own escape and raw (Output appends the built-in escape whatever the theme registered).
  const escapeHandler = handlerOf((builtinFilters as Record<string, unknown>)['escape']);
  const rawHandler = handlerOf((builtinFilters as Record<string, unknown>)['raw']);
  // A LiquidJS context for the few pure filters that read their options (date: the time zone).
  let filterContext: Context | undefined;
  const filterThis = (filterToken: unknown) => {
    filterContext ??= new Context({}, liquid.options, { sync: true }, { liquid });
    return { context: filterContext, token: filterToken, liquid };
  };

  // The lookups LiquidJS's render and layout tags make (same roots, same parse cache).
  const internals = liquid as unknown as Record<
    '_parsePartialFile' | '_parseLayoutFile',
    (file: string, sync: boolean, currentFile?: string) => unknown
  >;
  const parse = (kind: 'root' | 'partial' | 'layout', file: string, currentFile?: string): Template[] => {
    if (kind === 'root') return liquid.parseFileSync(file);
    const method = kind === 'layout' ? '_parseLayoutFile' : '_parsePartialFile';
    return toValueSync(internals[method].call(liquid, file, true, currentFile)) as Template[];
  };

  /** `root`: looked up as renderFileSync does (a page template, a fragment); else as render or layout do. */
  function partial(
    file: string,
    currentFile: string | undefined,
    kind: 'root' | 'partial' | 'layout',
  ): Compiled {
    const key = `${kind}:${file}`;
    const known = partials.get(key);
    if (known) return known;
    const entry: Compiled = { run: undefined };
    partials.set(key, entry);
    added.push(key);
    try {
      entry.run = nodes(parse(kind, file, currentFile));
    } catch (error) {
      throw error instanceof NotCompilable ? error : new NotCompilable(`${file}: ${String(error)}`);
    }
    return entry;
  }

  function staticFile(file: unknown): string {
    if (typeof file !== 'string') refuse('a partial or layout named by an expression');
    // LiquidJS resolves `./x` and `../x` against the including file: not one entry per name.
    if (file.startsWith('.')) refuse(`a partial named relative to its file (${file})`);
    return file;
  }

  function nodes(templates: readonly Template[]): Node {
    const list = templates.map(node);
    if (list.length === 1) return list[0] as Node;
    return (frame, out) => {
      for (const run of list) run(frame, out);
    };
  }

  function node(tpl: Template): Node {
    if (TypeGuards.isHTMLToken(tpl.token)) {
      const str = (tpl as unknown as { str: string }).str;
      return (_frame, out) => {
        out.s += str;
      };
    }
    const fragmentNode = (tpl as { [FRAGMENT]?: FragmentNode })[FRAGMENT];
    if (fragmentNode) return fragment(fragmentNode);
    if (tpl instanceof Output) return output(tpl);
    if (tpl instanceof IfTag) return ifTag(tpl);
    if (tpl instanceof UnlessTag) return unlessTag(tpl);
    if (tpl instanceof ForTag) return forTag(tpl);
    if (tpl instanceof AssignTag) return assignTag(tpl);
    if (tpl instanceof CommentTag || tpl instanceof InlineCommentTag) return () => undefined;
    if (tpl instanceof RenderTag) return renderTag(tpl);
    if (tpl instanceof LayoutTag) return layoutTag(tpl);
    if (tpl instanceof BlockTag) return blockTag(tpl);
    return refuse(`tag ${(tpl as { name?: string }).name ?? tpl.constructor.name}`);
  }

  // -- expressions --

  function token(t: Token | undefined): Expr {
    if (!t) return () => undefined;
    if ('content' in t) {
      const content = (t as { content: unknown }).content;
      return () => content;
    }
    if (TypeGuards.isPropertyAccessToken(t)) return propertyAccess(t);
    return refuse(`expression ${t.getText()}`);
  }

  function propertyAccess(t: { variable?: Token | undefined; props: readonly Token[] }): Expr {
    const keys = t.props.map((prop) => {
      return 'content' in prop
        ? { constant: true as const, value: toValue((prop as { content: unknown }).content) }
        : { constant: false as const, read: token(prop) };
    });
    const keyAt = (frame: Frame, i: number): unknown => {
      const k = keys[i] as (typeof keys)[number];
      return k.constant ? k.value : toValue(k.read(frame));
    };
    if (t.variable) {
      const variable = token(t.variable);
      return (frame) => {
        let value = variable(frame);
        for (let i = 0; i < keys.length; i++) value = readProperty(value, keyAt(frame, i));
        return value;
      };
    }
    return (frame) => {
      const first = keyAt(frame, 0);
      let value: unknown = findScope(frame, first as string);
      for (let i = 0; i < keys.length; i++) value = readProperty(value, i === 0 ? first : keyAt(frame, i));
      return value;
    };
  }

  function expression(e: { postfix: readonly Token[] }): Expr {
    const stack: Expr[] = [];
    for (const t of e.postfix) {
      if (TypeGuards.isOperatorToken(t)) {
        const op = (t as { operator: string }).operator;
        const r = stack.pop();
        if (!r) refuse(`operator ${op}`);
        if (op === 'not') {
          stack.push((frame) => isFalsy(toValue(r(frame))));
          continue;
        }
        const fn = BINARY[op];
        const l = stack.pop();
        if (!fn || !l) refuse(`operator ${op}`);
        // Both sides are evaluated, as LiquidJS evaluates its postfix form.
        stack.push((frame) => {
          const left = l(frame);
          return fn(left, r(frame));
        });
      } else stack.push(token(t));
    }
    if (stack.length !== 1) refuse('expression');
    return stack[0] as Expr;
  }

  function value(v: Value, dropEscape = false): Expr {
    const initial = expression(v.initial);
    const filters = (v.filters as unknown as FilterNode[])
      .filter((f, i) => !(dropEscape && i === v.filters.length - 1 && f.handler === escapeHandler))
      .map((f) => filter(f));
    if (filters.length === 0) return initial;
    return (frame) => {
      let val = initial(frame);
      for (const apply of filters) val = apply(val, frame);
      return val;
    };
  }

  function filter(f: FilterNode): (value: unknown, frame: Frame) => unknown {
    const name = filterNames.get(f.handler);
    if (f.handler === rawHandler) return (v) => v;
    if (f.handler === escapeHandler) return (v) => escapeHtml(v);
    // A theme's own filter of the same name is not LiquidJS's: it may read more than its arguments.
    const builtin = (builtinFilters as Record<string, unknown>)[name ?? ''];
    if (!name || !CONTEXT_FREE_FILTERS.has(name) || liquid.filters[name] !== builtin)
      refuse(`filter ${f.name}`);
    if (f.args.some((arg) => Array.isArray(arg))) refuse(`filter ${f.name} with named arguments`);
    const args = f.args.map((arg) => token(arg as Token));
    const handler = f.handler as (...a: unknown[]) => unknown;
    return (v, frame) => settle(handler.apply(filterThis(f.token), [v, ...args.map((arg) => arg(frame))]));
  }

  function hash(h: Hash): (frame: Frame) => Scope {
    const entries = Object.entries(h.hash).map(
      ([key, t]) => [key, t === undefined ? () => true : token(t)] as const,
    );
    return (frame) => {
      const result: Scope = {};
      for (const [key, read] of entries) result[key] = read(frame);
      return result;
    };
  }

  // -- nodes --

  function output(tpl: Output): Node {
    const v = tpl.value;
    const last = (v.filters as unknown as FilterNode[]).at(-1);
    const escaped = last !== undefined && last.handler === escapeHandler;
    const read = value(v, escaped);
    if (escaped)
      return (frame, out) => {
        out.s += escapeHtml(read(frame));
      };
    return (frame, out) => {
      out.s += stringify(toValue(read(frame)));
    };
  }

  function ifTag(tpl: IfTag): Node {
    const branches = tpl.branches.map((b) => ({ test: value(b.value), run: nodes(b.templates) }));
    const otherwise = nodes(tpl.elseTemplates ?? []);
    return (frame, out) => {
      for (const b of branches) {
        if (!isFalsy(toValue(b.test(frame)))) return b.run(frame, out);
      }
      return otherwise(frame, out);
    };
  }

  function unlessTag(tpl: UnlessTag): Node {
    const branches = tpl.branches.map((b, i) => ({
      test: value(b.value),
      // The first branch runs when its condition is false; an elsif's when true (LiquidJS's UnlessTag).
      wantFalse: i === 0,
      run: nodes(b.templates),
    }));
    const otherwise = nodes(tpl.elseTemplates);
    return (frame, out) => {
      for (const b of branches) {
        if (isFalsy(toValue(b.test(frame))) === b.wantFalse) return b.run(frame, out);
      }
      return otherwise(frame, out);
    };
  }

  function forTag(tpl: ForTag): Node {
    const collection = token(tpl.collection);
    const variable = tpl.variable;
    const text = tpl.collection.getText();
    const name = `${variable}-${text}`;
    const continueKey = `continue-${variable}-${text}`;
    const modifiersOf = forModifiers(
      liquid,
      Object.keys(tpl.hash.hash).length > 0 ? hash(tpl.hash) : undefined,
    );
    const body = nodes(tpl.templates);
    const otherwise = nodes(tpl.elseTemplates);
    return (frame, out) => {
      let items = toEnumerable(collection(frame));
      if (items.length === 0) return otherwise(frame, out);
      // Every loop that runs records where a later `offset: continue` of the same loop starts.
      const registers = frame.registers as Record<string, unknown>;
      let offset: unknown;
      if (modifiersOf) {
        frame.scopes.push(createScope({ continue: (registers[continueKey] ||= {}) }));
        const modified = modifiersOf(frame, items);
        frame.scopes.pop();
        items = modified.list;
        offset = modified.offset;
      }
      registers[continueKey] = ((offset || 0) as number) + items.length;
      const forloop = new Forloop(items.length, name);
      const scope = createScope({ forloop });
      frame.scopes.push(scope);
      for (const item of items) {
        scope[variable] = item;
        body(frame, out);
        forloop.next();
      }
      frame.scopes.pop();
      return undefined;
    };
  }

  function assignTag(tpl: AssignTag): Node {
    const { value: assigned, key } = tpl as unknown as { value: Value; key: string };
    const read = value(assigned);
    return (frame) => {
      (frame.scopes[0] as Scope)[key] = read(frame);
    };
  }

  function renderTag(tpl: RenderTag): Node {
    const inner = tpl as unknown as {
      file: unknown;
      currentFile?: string;
      with?: unknown;
      forBinding?: unknown;
    };
    if (inner.with || inner.forBinding) refuse('render with/for');
    const file = staticFile(inner.file);
    const target = partial(file, inner.currentFile, 'partial');
    const args = hash((tpl as unknown as { hash: Hash }).hash);
    return (frame, out) => {
      const child: Frame = { scopes: [createScope(args(frame))], env: {}, registers: {} };
      (target.run as Node)(child, out);
    };
  }

  function fragment(f: FragmentNode): Node {
    const target = partial(f.file, undefined, 'root');
    const args = hash(f.args);
    return (frame, out) => {
      const scope = args(frame);
      out.s += f.remember(scope, () => {
        const child: Frame = { scopes: [createScope()], env: scope, registers: {} };
        const buffer: Out = { s: '' };
        (target.run as Node)(child, buffer);
        return buffer.s;
      });
    };
  }

  function layoutTag(tpl: LayoutTag): Node {
    const inner = tpl as unknown as {
      file: unknown;
      currentFile?: string;
      args: Hash;
      templates: Template[];
    };
    if (inner.file === undefined) {
      const body = nodes(inner.templates);
      return (frame, out) => {
        frame.registers.blockMode = OUTPUT_MODE;
        body(frame, out);
      };
    }
    const layout = partial(staticFile(inner.file), inner.currentFile, 'layout');
    const child = nodes(inner.templates);
    const args = hash(inner.args);
    return (frame, out) => {
      frame.registers.blockMode = STORE_MODE;
      const stored: Out = { s: '' };
      child(frame, stored);
      const blocks = (frame.registers.blocks ||= {});
      if (blocks[''] === undefined) blocks[''] = (_parent, o) => void (o.s += stored.s);
      frame.registers.blockMode = OUTPUT_MODE;
      frame.scopes.push(createScope(args(frame)));
      (layout.run as Node)(frame, out);
      frame.scopes.pop();
    };
  }

  function blockTag(tpl: BlockTag): Node {
    const body = nodes(tpl.templates);
    const name = tpl.block;
    const blockRender = (frame: Frame): BlockRender => {
      const renderChild = (frame.registers.blocks ||= {})[name];
      const renderCurrent: BlockRender = (superBlock, out) => {
        const stack = (frame.registers.blockStack ||= []);
        if (stack.includes(tpl)) throw new Error('block tag cannot be nested');
        stack.push(tpl);
        frame.scopes.push(createScope({ block: superBlock }));
        body(frame, out);
        frame.scopes.pop();
        stack.pop();
      };
      return renderChild
        ? (superBlock, out) => renderChild(new SuperBlock((o) => renderCurrent(superBlock, o)), out)
        : renderCurrent;
    };
    return (frame, out) => {
      const render = blockRender(frame);
      if (frame.registers.blockMode === STORE_MODE) (frame.registers.blocks ||= {})[name] = render;
      else render(new SuperBlock(() => undefined), out);
    };
  }

  return {
    compile(file) {
      const known = roots.get(file);
      if (known) return known;
      let result: CompiledTemplate | Uncompilable;
      added = [];
      try {
        checkOptions(liquid);
        const root = partial(file, undefined, 'root');
        result = (scope) => {
          const frame: Frame = { scopes: [createScope()], env: scope, registers: {} };
          const out: Out = { s: '' };
          (root.run as Node)(frame, out);
          return out.s;
        };
      } catch (error) {
        for (const key of added) partials.delete(key);
        if (!(error instanceof NotCompilable)) throw error;
        result = { uncompilable: error.message };
      }
      roots.set(file, result);
      return result;
    },
  };
}

/** `findScope`: the innermost scope with the key, then the environment, then the (empty) globals. */
function findScope(frame: Frame, key: string): unknown {
  const { scopes } = frame;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const candidate = scopes[i] as Scope;
    if (key in candidate) return candidate;
  }
  if (key in frame.env) return frame.env;
  return EMPTY_GLOBALS;
}

const EMPTY_GLOBALS = Object.freeze({});

/** `forloop`, with the fields (in their order, for `valueOf`) and methods of LiquidJS's ForloopDrop. */
class Forloop extends Drop {
  i: number;
  length: number;
  name: string;
  constructor(length: number, name: string) {
    super();
    this.i = 0;
    this.length = length;
    this.name = name;
  }
  next(): void {
    this.i++;
  }
  index0(): number {
    return this.i;
  }
  index(): number {
    return this.i + 1;
  }
  first(): boolean {
    return this.i === 0;
  }
  last(): boolean {
    return this.i === this.length - 1;
  }
  rindex(): number {
    return this.length - this.i;
  }
  rindex0(): number {
    return this.length - this.i - 1;
  }
  override valueOf(): string {
    return JSON.stringify(this);
  }
}

/** `block` inside a block: `{{ block.super }}` writes the layout's own content of the block. */
class SuperBlock extends Drop {
  constructor(readonly superBlockRender: (out: Out) => void) {
    super();
  }
  super(): string {
    const out: Out = { s: '' };
    this.superBlockRender(out);
    return out.s;
  }
}
