import { useSyncExternalStore } from 'react';

/**
 * A very small history router: the admin's screens are a handful of fixed paths under /admin, so a route
 * is the pathname and its query string; `navigate` pushes a new entry and every `useLocation` re-renders.
 */
const CHANGE = 'gazette:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = path.startsWith('/admin') ? path : `/admin${path.startsWith('/') ? '' : '/'}${path}`;
  if (target === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  window.dispatchEvent(new Event(CHANGE));
  if (!options.replace) window.scrollTo(0, 0);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => location.pathname + location.search;

export interface AdminLocation {
  /** The path below /admin, e.g. `/articles/12` ("/" for the dashboard). */
  readonly path: string;
  readonly params: URLSearchParams;
}

export function useLocation(): AdminLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, location.origin);
  const path = url.pathname.replace(/^\/admin/, '').replace(/\/+$/, '') || '/';
  return { path, params: url.searchParams };
}

/** Replaces the query string of the current screen (filters), keeping the path. */
export function setQuery(params: Record<string, string | number | undefined | null>): void {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  navigate(location.pathname + (text ? `?${text}` : ''), { replace: true });
}
