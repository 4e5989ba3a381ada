import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { DraftReview } from '../api/types';
import { useApi, useAuth } from '../auth/AuthContext';
import { formatDate, humanize } from '../common/format';
import { ErrorNotice, Loading } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { DiffView } from './DiffView';
import { reviewBlock } from './policy';

/** One draft: its diff against live, backtest, shadow results; approve (not by the author), reject, shadow. */
export function DraftPage() {
  const { draftId } = useParams();
  const api = useApi();
  const { me } = useAuth();
  const review = useLoad(() => api.get<DraftReview>(`/api/v1/policy/drafts/${draftId}`), [draftId]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (review.loading && !review.data) return <Loading what="Loading the draft" />;
  if (review.error) return <ErrorNotice error={review.error} />;
  const r = review.data!;
  const draft = r.draft!;
  const block = reviewBlock({ author: draft.author, status: draft.status }, me.username, me.roles);

  async function act(path: string, body: unknown) {
    setError(null);
    try {
      await api.post(`/api/v1/policy/drafts/${draftId}/${path}`, body);
      review.reload();
    } catch (e) {
      setError(e);
    }
  }

  const backtest = r.backtest;
  return (
    <section aria-labelledby="draft-title">
      <p>
        <Link to="/policy">← Policy</Link>
      </p>
      <h1 id="draft-title">Draft: {draft.rationale}</h1>
      <p className="meta">
        By {draft.author} on {formatDate(draft.createdAt)} from v{draft.baseVersion} ·{' '}
        <span className={`badge status-${String(draft.status).toLowerCase()}`}>{humanize(draft.status)}</span>
        {draft.reviewer ? ` · reviewed by ${draft.reviewer}` : ''}
        {draft.publishedVersion ? ` · published as v${draft.publishedVersion}` : ''}
      </p>

      <h2>Changes against the live version</h2>
      {r.diffAgainstLive ? <DiffView diff={r.diffAgainstLive} /> : <p className="muted">No diff.</p>}

      <h2>Backtest</h2>
      {!backtest ? (
        <p className="muted" role="status">
          The backtest is running. <button className="link" type="button" onClick={review.reload}>Refresh</button>
        </p>
      ) : (
        <div className="card" data-testid="backtest">
          <p>
            <strong>{backtest.changed}</strong> of <strong>{backtest.cases}</strong> past cases would be routed differently.
          </p>
          {backtest.routeTransitions && Object.keys(backtest.routeTransitions).length > 0 && (
            <ul>
              {Object.entries(backtest.routeTransitions).map(([k, v]) => (
                <li key={k}>
                  {k}: {v}
                </li>
              ))}
            </ul>
          )}
          {backtest.examples && backtest.examples.length > 0 && (
            <table>
              <caption>Examples</caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                  <th scope="col">Rule</th>
                </tr>
              </thead>
              <tbody>
                {backtest.examples.slice(0, 10).map((e) => (
                  <tr key={e.caseId}>
                    <td>
                      <code>{e.caseId?.slice(0, 8)}</code>
                    </td>
                    <td>
                      {e.routeBefore} {e.categoryBefore}
                    </td>
                    <td>
                      {e.routeAfter} {e.categoryAfter}
                    </td>
                    <td>{e.ruleId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      {r.shadow && (
        <p>
          Shadow mode: {r.shadow.running ? 'running' : 'off'} · {r.shadow.evaluations ?? 0} evaluations, {r.shadow.diverged ?? 0} diverged
        </p>
      )}

      <h2>Review</h2>
      {block ? (
        <p className="notice info" data-testid="review-block">
          {block}
        </p>
      ) : (
        <div className="stack">
          <label htmlFor="review-comment">Comment (required to reject)</label>
          <textarea id="review-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void act('approve', { comment })}>
              Approve and publish
            </button>
            <button type="button" className="danger" disabled={!comment.trim()} onClick={() => void act('reject', { reason: comment })}>
              Reject
            </button>
          </div>
        </div>
      )}
      {draft.status === 'OPEN' && (me.roles.includes('policy-expert') || me.roles.includes('policy-admin')) && (
        <p>
          <button type="button" onClick={() => void act('shadow', { running: !r.shadow?.running })}>
            {r.shadow?.running ? 'Stop shadow mode' : 'Run in shadow mode'}
          </button>
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
