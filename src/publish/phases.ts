/**
 * Where a build's or a publish's time goes: `mark(name)` adds the time since the previous mark (or the
 * start) to `phases[name]`, in milliseconds; `elapsed()` is the time since the start.
 */
export function phaseClock(): {
  readonly phases: Record<string, number>;
  readonly mark: (phase: string) => void;
  readonly elapsed: () => number;
} {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let lap = started;
  return {
    phases,
    mark: (phase) => {
      const at = performance.now();
      phases[phase] = (phases[phase] ?? 0) + (at - lap);
      lap = at;
    },
    elapsed: () => performance.now() - started,
  };
}
