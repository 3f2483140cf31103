import { useId } from 'react';
import type { Lang } from '../i18n';
import type { EditorStrings } from './strings';
import type { Finding } from './types';

interface Props {
  readonly findings: readonly Finding[];
  readonly s: EditorStrings;
  readonly lang: Lang;
  /** Whether the findings were computed for the text as it is now (false while there are unsaved changes). */
  readonly current: boolean;
  readonly notice: string | null;
  readonly onSelect: (finding: Finding) => void;
  /** Puts the suggestion in place of the excerpt; absent when the text cannot be edited. */
  readonly onApply?: (finding: Finding) => void;
}

/**
 * 校对: what the content checks find (block findings first), each with the text found and the suggested
 * form; a click selects the place in the field or the body it came from.
 */
export function ChecksPanel({ findings, s, lang, current, notice, onSelect, onApply }: Props) {
  const id = useId();
  const sorted = [...findings].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1,
  );
  return (
    <section className="panel gz-checks" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {s.checks}
        {findings.length > 0 ? <span className="badge">{findings.length}</span> : null}
      </h2>
      {sorted.length === 0 ? (
        <p className="empty">{s.noFindings}</p>
      ) : (
        <>
          <p className="hint">{s.checksHint}</p>
          <ul className="gz-findings">
            {sorted.map((finding, index) => (
              <li
                key={`${finding.rule}-${finding.field}-${finding.start}-${index}`}
                className={`gz-finding gz-finding-${finding.severity}`}
              >
                <button type="button" className="gz-finding-button" onClick={() => onSelect(finding)}>
                  <span className={`gz-severity gz-severity-${finding.severity}`}>
                    {s.severity[finding.severity]}
                  </span>
                  <span className="gz-finding-field">{s.fieldNames[finding.field] ?? finding.field}</span>
                  <span className="gz-finding-message">
                    {lang === 'zh' ? finding.message : finding.messageEn}
                  </span>
                  {finding.excerpt ? <q className="gz-excerpt">{finding.excerpt}</q> : null}
                  {finding.suggestion ? (
                    <span className="gz-suggestion">
                      {s.suggestion}：<ins>{finding.suggestion}</ins>
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
                    {s.applySuggestion}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {!current ? <p className="hint">{s.unsaved}</p> : null}
      {notice ? (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
