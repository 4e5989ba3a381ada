import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import type { AppealReceipt, MyDecision } from '../api/contract';
import { useApi } from '../auth/AuthContext';
import { deadlineText } from '../common/format';
import { ErrorNotice, Loading, Unavailable } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { actionText, appealChoice } from './appeals';

export const MAX_APPEAL_CHARS = 5000;

export function AppealFormPage() {
  const { decisionId } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const decisions = useLoad(() => api.get<MyDecision[]>('/api/v1/me/decisions'), []);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const decision = decisions.data?.find((d) => d.decisionId === decisionId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError(new Error('Please tell us why the decision is wrong.'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const body = { decisionId, text: text.trim() };
      let receipt: AppealReceipt;
      if (file) {
        const form = new FormData();
        form.append('appeal', new Blob([JSON.stringify(body)], { type: 'application/json' }));
        form.append('files', file, file.name);
        receipt = await api.postForm<AppealReceipt>('/api/v1/appeals', form);
      } else {
        receipt = await api.post<AppealReceipt>('/api/v1/appeals', body);
      }
      navigate(`/my/appeals/${receipt.appealId}`);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? new Error('You already have an open appeal against this decision.') : e);
      setSending(false);
    }
  }

  if (decisions.loading) return <Loading />;
  if (decisions.error instanceof ApiError && decisions.error.status === 404) return <Unavailable what="Appeals" />;
  if (decisions.error) return <ErrorNotice error={decisions.error} />;
  if (!decision) return <ErrorNotice error={new Error('There is no such decision about your content.')} />;
  const choice = appealChoice(decision);

  return (
    <section className="portal" aria-labelledby="appeal-title">
      <p>
        <Link to="/my">← Your decisions</Link>
      </p>
      <h1 id="appeal-title">Appeal a decision</h1>
      <div className="card">
        <h2>{actionText(decision.action)}</h2>
        <p className="statement">{decision.statement?.summary}</p>
        <p className="deadline">{deadlineText(decision.appealDeadline)}</p>
      </div>
      {choice.kind !== 'appealable' ? (
        <p className="notice info">{choice.kind === 'closed' ? choice.reason : 'You have already appealed this decision.'}</p>
      ) : (
        <form onSubmit={submit} className="stack" noValidate>
          <label htmlFor="appeal-text">Why is the decision wrong?</label>
          <p id="appeal-text-help" className="help">
            Explain in your own words. A policy expert who did not make the original decision will read it.
          </p>
          <textarea
            id="appeal-text"
            name="text"
            rows={8}
            required
            maxLength={MAX_APPEAL_CHARS}
            aria-describedby="appeal-text-help appeal-count"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <span id="appeal-count" className="help">
            {text.length} / {MAX_APPEAL_CHARS} characters
          </span>
          <label htmlFor="appeal-file">Attachment (optional)</label>
          <input id="appeal-file" name="files" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          {error !== null && <ErrorNotice error={error} />}
          <button type="submit" className="primary" disabled={sending}>
            {sending ? 'Sending…' : 'Send appeal'}
          </button>
        </form>
      )}
    </section>
  );
}
