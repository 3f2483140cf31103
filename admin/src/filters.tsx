import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from './i18n';
import { setQuery, useLocation } from './router';

/** A day picked in a date field as the instant it starts (or ends) in Beijing, as the API takes it. */
export const dayStart = (day: string) => (day ? `${day}T00:00:00+08:00` : undefined);
export const dayEnd = (day: string) => (day ? `${day}T23:59:59.999+08:00` : undefined);

/**
 * Filters whose applied values live in the address (a filtered list can be bookmarked and goes back with
 * the browser): the form edits a draft; 查询 applies it, 重置 clears it. `onApply` runs on both (a list
 * starts again at its first page).
 */
export function useFilters<N extends string>(names: readonly N[], onApply: () => void = () => undefined) {
  const { params } = useLocation();
  const read = (from: (name: N) => string) =>
    Object.fromEntries(names.map((name) => [name, from(name)])) as Record<N, string>;
  const applied = read((name) => params.get(name) ?? '');
  const [draft, setDraft] = useState(applied);
  return {
    applied,
    params,
    /** name, value and onChange for a field of the form. */
    bind: (name: N) => ({
      name,
      value: draft[name],
      onChange: (event: { target: { value: string } }) =>
        setDraft((current) => ({ ...current, [name]: event.target.value })),
    }),
    apply: (event: FormEvent) => {
      event.preventDefault();
      onApply();
      setQuery(draft);
    },
    reset: () => {
      setDraft(read(() => ''));
      onApply();
      setQuery({});
    },
  };
}

export function FilterForm(props: {
  label: string;
  onSubmit: (event: FormEvent) => void;
  onReset: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form className="filters" onSubmit={props.onSubmit} aria-label={props.label}>
      {props.children}
      <div className="filter-buttons">
        <button type="submit" className="primary">
          {t('common.search')}
        </button>
        <button type="button" onClick={props.onReset}>
          {t('common.reset')}
        </button>
      </div>
    </form>
  );
}
