import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import type { AppealForReview } from '../api/contract';
import { useApi } from '../auth/AuthContext';
import { formatDate, humanize } from '../common/format';
import { ErrorNotice, Loading, Unavailable } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { SHIPPED_REASON_CODES } from '../moderator/reasonCodes';
import { type AppealDecisionForm, appealFormProblems, OUTCOMES } from './appealReview';

/** A policy expert decides an appeal: the original decision and its reviewer's note beside the appeal. */
export function AppealReviewPage() {
  const { itemId } = useParams();
  const api = useApi();
  const appeal = useLoad(() => api.get<AppealForReview>(`/api/v1/appeals/by-queue-item/${itemId}`), [itemId]);
  const [form, setForm] = useState<AppealDecisionForm>({ outcome: null, reasonCode: '', explanation: '' });
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  if (appeal.loading && !appeal.data) return <Loading what="Opening the appeal" />;
  if (appeal.error instanceof ApiError && appeal.error.status === 404) return <Unavailable what="This appeal" />;
  if (appeal.error) return <ErrorNotice error={appeal.error} />;
  const a = appeal.data!;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = appealFormProblems(form);
    setProblems(found);
    if (found.length) return;
    setError(null);
    try {
      await api.post(`/api/v1/appeals/${a.appealId}/decision`, {
        outcome: form.outcome,
        reasonCode: form.reasonCode || undefined,
        explanation: form.explanation.trim(),
      });
      setDone(`Appeal ${form.outcome === 'escalate' ? 'escalated' : form.outcome}.`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="appeal-review-title">
      <p>
        <Link to="/review">← Queues</Link>
      </p>
      <h1 id="appeal-review-title">Appeal against a {a.original.action} decision</h1>
      <div className="side-by-side">
        <article className="card" aria-labelledby="original-title">
          <h2 id="original-title">Original decision</h2>
          <dl className="facts">
            <dt>Action</dt>
            <dd>{humanize(a.original.action)}</dd>
            <dt>Category</dt>
            <dd>{humanize(a.original.category)}</dd>
            <dt>Reason code</dt>
            <dd>{a.original.reasonCode}</dd>
            <dt>Decided by</dt>
            <dd>
              {a.original.actorType === 'AUTOMATED' ? 'Automated' : `Reviewer ${a.original.actorId ?? ''}`} on{' '}
              {formatDate(a.original.decidedAt)}
            </dd>
            <dt>Policy version</dt>
            <dd>{a.original.policyVersion ?? '—'}</dd>
            {a.original.modelVersions && Object.keys(a.original.modelVersions).length > 0 && (
              <>
                <dt>Models</dt>
                <dd>
                  {Object.entries(a.original.modelVersions)
                    .map(([m, v]) => `${m} ${v}`)
                    .join(', ')}
                </dd>
              </>
            )}
            {a.original.scores && Object.keys(a.original.scores).length > 0 && (
              <>
                <dt>Scores</dt>
                <dd>
                  {Object.entries(a.original.scores)
                    .map(([m, v]) => `${m} ${v.toFixed(2)}`)
                    .join(', ')}
                </dd>
              </>
            )}
          </dl>
          <h3>Reviewer&apos;s note</h3>
          <p className="quote">{a.original.note || 'No note.'}</p>
        </article>
        <article className="card" aria-labelledby="the-appeal-title">
          <h2 id="the-appeal-title">The appeal</h2>
          <p className="meta">
            Filed {formatDate(a.filedAt)} by the {a.appellantRole} · status {humanize(a.status)}
          </p>
          <p className="quote" data-testid="appeal-text">
            {a.text}
          </p>
          {a.attachments.length > 0 && <p className="meta">Attachments: {a.attachments.map((f) => f.fileName ?? 'file').join(', ')}</p>}
        </article>
      </div>

      <h2>The content</h2>
      {a.case.parts
        .filter((p) => p.text)
        .map((p) => (
          <p key={p.position} className="content-text">
            {p.text}
          </p>
        ))}

      {done ? (
        <p className="notice success" role="status" data-testid="appeal-done">
          {done} <Link to="/review">Back to the queues</Link>
        </p>
      ) : (
        <form className="stack card" onSubmit={submit} noValidate>
          <fieldset>
            <legend>Outcome</legend>
            {OUTCOMES.map((o) => (
              <label key={o.value} className="choice">
                <input
                  type="radio"
                  name="outcome"
                  value={o.value}
                  checked={form.outcome === o.value}
                  onChange={() => setForm({ ...form, outcome: o.value })}
                />
                <strong>{o.label}</strong> — {o.help}
              </label>
            ))}
          </fieldset>
          <label htmlFor="appeal-reason">Reason code</label>
          <select id="appeal-reason" value={form.reasonCode} onChange={(e) => setForm({ ...form, reasonCode: e.target.value })}>
            <option value="">—</option>
            {SHIPPED_REASON_CODES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.title}
              </option>
            ))}
          </select>
          <label htmlFor="appeal-explanation">Explanation for the appellant</label>
          <textarea
            id="appeal-explanation"
            rows={4}
            value={form.explanation}
            onChange={(e) => setForm({ ...form, explanation: e.target.value })}
          />
          {problems.length > 0 && (
            <ul className="notice error" role="alert">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {error !== null && <ErrorNotice error={error} />}
          <button type="submit" className="primary">
            Record the outcome
          </button>
        </form>
      )}
    </section>
  );
}
