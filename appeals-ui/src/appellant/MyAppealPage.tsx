import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import type { MyAppeal } from '../api/contract';
import { useApi } from '../auth/AuthContext';
import { formatDate, humanize } from '../common/format';
import { ErrorNotice, Loading, Unavailable } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { actionText, isFinal, STATUS_TEXT } from './appeals';

export function MyAppealPage() {
  const { appealId } = useParams();
  const api = useApi();
  const { data: appeal, error, loading, reload } = useLoad(() => api.get<MyAppeal>(`/api/v1/me/appeals/${appealId}`), [appealId]);

  // While the appeal is open, look again every 15 seconds.
  useEffect(() => {
    if (!appeal || isFinal(appeal.status)) return;
    const timer = setInterval(reload, 15_000);
    return () => clearInterval(timer);
  }, [appeal, reload]);

  if (loading && !appeal) return <Loading what="Loading your appeal" />;
  if (error instanceof ApiError && error.status === 404 && !appeal) return <Unavailable what="This appeal" />;
  if (error && !appeal) return <ErrorNotice error={error} />;
  if (!appeal) return null;

  return (
    <section className="portal" aria-labelledby="appeal-status-title">
      <p>
        <Link to="/my">← Your decisions</Link>
      </p>
      <h1 id="appeal-status-title">Your appeal</h1>
      <p className={`status status-${appeal.status}`} data-testid="appeal-status" role="status">
        {STATUS_TEXT[appeal.status] ?? humanize(appeal.status)}
      </p>
      <p className="meta">Filed {formatDate(appeal.filedAt)}</p>

      {appeal.outcome && (
        <div className="card outcome" aria-labelledby="outcome-title">
          <h2 id="outcome-title">Outcome: {humanize(appeal.outcome.result)}</h2>
          {appeal.outcome.explanation && <p>{appeal.outcome.explanation}</p>}
          <p className="meta">
            Decided {formatDate(appeal.outcome.decidedAt)}
            {appeal.outcome.reasonCode ? ` · rule ${appeal.outcome.reasonCode}` : ''}
          </p>
        </div>
      )}
      {appeal.ineligibleReason && <p className="notice info">{appeal.ineligibleReason}</p>}

      {appeal.redress.length > 0 && (
        <div className="card">
          <h2>What you can do next</h2>
          <ul>
            {appeal.redress.map((r) => (
              <li key={r.kind}>
                <strong>{humanize(r.kind)}:</strong> {r.description}{' '}
                {r.url && (
                  <a href={r.url} rel="noreferrer">
                    More information
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {appeal.original && (
        <div className="card">
          <h2>The decision you appealed</h2>
          <p>{actionText(appeal.original.action)}</p>
          {appeal.original.statementSummary && <p className="statement">{appeal.original.statementSummary}</p>}
          <p className="meta">
            {humanize(appeal.original.category)} · {appeal.original.reasonCode} · {formatDate(appeal.original.decidedAt)}
          </p>
        </div>
      )}

      <div className="card">
        <h2>What you wrote</h2>
        <p className="quote">{appeal.text}</p>
        {appeal.attachments.length > 0 && (
          <p className="meta">Attachments: {appeal.attachments.map((a) => a.fileName ?? 'file').join(', ')}</p>
        )}
      </div>

      <h2>History</h2>
      <ol className="timeline">
        {appeal.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{formatDate(h.at)}</time> — {humanize(h.event)}
            {h.detail ? `: ${h.detail}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
