import { useEffect, useRef, useState } from 'react';
import { checkedFieldsOf } from '../../../src/core/article';
import { api } from '../api';
import { errorText, useI18n } from '../i18n';
import type { CheckState } from './ChecksPanel';
import type { ArticleView, Finding } from './types';

/** The live check waits this long after the last keystroke. */
const CHECK_DELAY_MS = 1500;
/** Pauses before each new try of a failed check: growing, then every 30 s until it answers. */
const CHECK_RETRY_MS = [2000, 4000, 8000, 16000, 30000] as const;

export interface LiveChecks {
  /** The findings to show: of the unsaved text once checked, else of the saved article. */
  readonly findings: readonly Finding[];
  readonly state: CheckState;
}

/**
 * Checks of the unsaved text (POST /checks), so findings follow the typing: after a pause, only while the
 * form differs from the saved article and has a column. A failed check is tried again after a growing
 * pause, and the state says it failed until one answers. Findings of the unsaved text belong to the
 * article answer current when they came (`view`): a newer answer (a save, a restore) shows its own findings.
 */
export function useLiveChecks(
  siteId: number,
  view: ArticleView | null,
  payload: Record<string, unknown> | null,
  dirty: boolean,
  columnId: number | null,
): LiveChecks {
  const { lang } = useI18n();
  /** Findings of the unsaved text, with the payload (JSON) they were found in and the answer they follow. */
  const [live, setLive] = useState<{
    readonly basis: ArticleView | null;
    readonly text: string;
    readonly findings: readonly Finding[];
  } | null>(null);
  const [failure, setFailure] = useState<{ readonly reason: string; readonly retryIn: number } | null>(null);
  /** The answer current when a check answers (a save may have come in while it ran). */
  const latestView = useRef(view);
  useEffect(() => {
    latestView.current = view;
  }, [view]);

  const payloadText = payload === null ? null : JSON.stringify(payload);
  useEffect(() => {
    setFailure(null);
    if (!dirty || payloadText === null || columnId === null) return;
    const fields = checkedFieldsOf(JSON.parse(payloadText) as Record<string, unknown>);
    let cancelled = false;
    let attempt = 0;
    const run = () => {
      api.post<{ findings: Finding[] }>('/checks', { siteId, ...fields }).then(
        (answer) => {
          if (cancelled) return;
          setLive({ basis: latestView.current, text: payloadText, findings: answer.findings });
          setFailure(null);
        },
        (error: unknown) => {
          if (cancelled) return;
          const retryIn = CHECK_RETRY_MS[Math.min(attempt, CHECK_RETRY_MS.length - 1)]!;
          attempt += 1;
          setFailure({ reason: errorText(error, lang), retryIn });
          timer = window.setTimeout(run, retryIn);
        },
      );
    };
    let timer = window.setTimeout(run, CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [dirty, payloadText, siteId, columnId, lang]);

  const current = live !== null && live.basis === view ? live : null;
  const findings = current?.findings ?? view?.findings ?? [];
  const state: CheckState = !dirty
    ? { kind: 'current' }
    : failure !== null
      ? { kind: 'failed', ...failure }
      : columnId === null
        ? { kind: 'no-column' }
        : current?.text === payloadText
          ? { kind: 'current' }
          : { kind: 'waiting' };
  return { findings, state };
}
