import { useId } from 'react';
import { useI18n } from '../i18n';
import type { Finding } from './types';

/**
 * Where the check of the text as it is now stands: `current` (the findings shown are for it), `waiting`
 * (typed since, the check has not answered yet), `failed` (the last try failed; another follows after
 * `retryIn` ms) or `no-column` (the checks need the article's column first).
 */
export type CheckState =
  | { readonly kind: 'current' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'failed'; readonly reason: string; readonly retryIn: number }
  | { readonly kind: 'no-column' };

interface Props {
  readonly findings: readonly Finding[];
  readonly state: CheckState;
  readonly notice: string | null;
  readonly onSelect: (finding: Finding) => void;
  /** Puts the suggestion in place of the excerpt; absent when the text cannot be edited. */
  readonly onApply?: (finding: Finding) => void;
}

/**
 * 校对: what the content checks find (block findings first), each with the text found and the suggested
 * form; a click selects the place in the field or the body it came from. "Nothing found" is said only of
 * the text as it is now: while a check is pending or has failed, the panel says that instead.
 */
export function ChecksPanel({ findings, state, notice, onSelect, onApply }: Props) {
  const { lang, t, label } = useI18n();
  const id = useId();
  const sorted = [...findings].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1,
  );
  return (
    <section className="panel gz-checks" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('editor.checks')}
        {findings.length > 0 ? <span className="badge">{findings.length}</span> : null}
      </h2>
      {state.kind === 'failed' ? (
        <p className="notice notice-error gz-check-failed" role="alert">
          {t('editor.checkFailed', { seconds: Math.round(state.retryIn / 1000), reason: state.reason })}
        </p>
      ) : null}
      {sorted.length === 0 ? (
        state.kind === 'current' ? (
          <p className="empty">{t('editor.noFindings')}</p>
        ) : null
      ) : (
        <>
          <p className="hint">{t('editor.checksHint')}</p>
          <ul className="gz-findings">
            {sorted.map((finding, index) => (
              <li
                key={`${finding.rule}-${finding.field}-${finding.start}-${index}`}
                className={`gz-finding gz-finding-${finding.severity}`}
              >
                <button type="button" className="gz-finding-button" onClick={() => onSelect(finding)}>
                  <span className={`gz-severity gz-severity-${finding.severity}`}>
                    {label('editor.severity', finding.severity)}
                  </span>
                  <span className="gz-finding-field">{label('editor.fieldNames', finding.field)}</span>
                  <span className="gz-finding-message">
                    {lang === 'zh' ? finding.message : finding.messageEn}
                  </span>
                  {finding.excerpt ? <q className="gz-excerpt">{finding.excerpt}</q> : null}
                  {finding.suggestion ? (
                    <span className="gz-suggestion">
                      {t('app.labelColon', { label: t('editor.suggestion') })}
                      <ins>{finding.suggestion}</ins>
                    </span>
                  ) : null}
                </button>
                {onApply && finding.suggestion && finding.excerpt ? (
                  <button
                    type="button"
                    className="gz-apply"
                    data-rule={finding.rule}
                    onClick={() => onApply(finding)}
                  >
                    {t('editor.applySuggestion')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.kind === 'waiting' ? (
        <p className="hint" role="status">
          {t('editor.checking')}
        </p>
      ) : null}
      {state.kind === 'no-column' ? <p className="hint">{t('editor.checkNeedsColumn')}</p> : null}
      {notice ? (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
