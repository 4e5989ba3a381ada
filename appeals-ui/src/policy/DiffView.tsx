import type { PolicyDiff } from '../api/types';
import { diffSummary } from './policy';

export function DiffView({ diff }: { diff: PolicyDiff }) {
  return (
    <div className="diff" data-testid="policy-diff">
      <p>
        <strong>
          {diff.from} → {diff.to}:
        </strong>{' '}
        {diffSummary(diff)}
      </p>
      <ul className="diff-list">
        {diff.rulesAdded?.map((r) => (
          <li key={`a${r}`} className="added">
            + rule {r}
          </li>
        ))}
        {diff.rulesRemoved?.map((r) => (
          <li key={`r${r}`} className="removed">
            − rule {r}
          </li>
        ))}
        {diff.rulesMoved?.map((r) => <li key={`m${r}`}>↕ rule {r} moved</li>)}
        {diff.rulesChanged?.map((c) => (
          <li key={`c${c.ruleId}`} className="changed">
            ~ rule {c.ruleId}:{' '}
            {c.entries?.map((e, i) => (
              <span key={i}>
                {e.column}: <del>{e.before}</del> <ins>{e.after}</ins>{' '}
              </span>
            ))}
          </li>
        ))}
        {diff.thresholdsChanged?.map((t, i) => (
          <li key={`t${i}`} className="changed">
            ~ threshold {t.signal} in {t.ruleId}: <del>{t.before}</del> <ins>{t.after}</ins>
          </li>
        ))}
        {diff.taxonomyChanges?.map((t) => (
          <li key={`x${t}`} className="changed">
            ~ taxonomy: {t}
          </li>
        ))}
      </ul>
    </div>
  );
}
