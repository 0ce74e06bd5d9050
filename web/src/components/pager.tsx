import { formatNumber } from "../format.ts";

interface Props {
  /** Index of the first row shown, when known (not after reloading a later page). */
  offset?: number;
  shown: number;
  total?: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
}

export function Pager({ offset, shown, total, hasPrev, hasNext, onPrev, onNext }: Props) {
  const range =
    offset !== undefined && shown > 0
      ? `${formatNumber(offset + 1)}–${formatNumber(offset + shown)}`
      : `${formatNumber(shown)} shown`;
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted" aria-live="polite">
        {range}
        {total !== undefined && ` of ${formatNumber(total)}`}
      </span>
      <button type="button" className="button" onClick={onPrev} disabled={!hasPrev}>
        ← Prev
      </button>
      <button type="button" className="button" onClick={onNext} disabled={!hasNext}>
        Next →
      </button>
    </nav>
  );
}
