import { useEffect } from 'react';

/**
 * Leaving with unsaved changes: while `dirty`, the browser asks on reload and close, and a click on an
 * admin link outside `inside` (a selector of the page's own links, e.g. those in the body text) asks
 * `question` first.
 */
export function useLeaveGuard(dirty: boolean, question: string, inside: string): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="/admin"]');
      if (!link || link.closest(inside)) return;
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, question, inside]);
}
