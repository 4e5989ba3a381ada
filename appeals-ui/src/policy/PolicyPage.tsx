import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DraftReview, DraftSummary, PolicyDiff, PolicyVersion, VersionList } from '../api/types';
import { useApi, useAuth } from '../auth/AuthContext';
import { formatDate, humanize } from '../common/format';
import { ErrorNotice, Loading } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { DiffView } from './DiffView';

/** Policy versions, a diff between two, drafts; experts draft, admins roll back. */
export function PolicyPage() {
  const api = useApi();
  const { me } = useAuth();
  const versions = useLoad(() => api.get<VersionList>('/api/v1/policy/versions'), []);
  const drafts = useLoad(() => api.get<DraftSummary[]>('/api/v1/policy/drafts'), []);
  const list = versions.data?.versions ?? [];

  return (
    <section aria-labelledby="policy-title">
      <h1 id="policy-title">Policy</h1>
      {versions.loading && !versions.data && <Loading what="Loading policy versions" />}
      {versions.error !== undefined && <ErrorNotice error={versions.error} />}
      {versions.data && (
        <>
          <h2>Versions</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">Author / approver</th>
                <th scope="col">Rationale</th>
              </tr>
            </thead>
            <tbody>
              {[...list].reverse().map((v) => (
                <tr key={v.number}>
                  <th scope="row">
                    v{v.number} {v.live && <span className="badge ok">live</span>}
                    {v.restoredFrom ? <span className="badge">rollback of v{v.restoredFrom}</span> : null}
                  </th>
                  <td>{formatDate(v.publishedAt)}</td>
                  <td>
                    {v.author ?? '—'} / {v.approver ?? '—'}
                  </td>
                  <td>{v.rationale}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.length > 1 && <DiffPicker numbers={list.map((v) => v.number!)} />}
          {me.roles.includes('policy-admin') && list.length > 1 && <RollbackForm numbers={list.map((v) => v.number!)} live={versions.data.live!} onDone={versions.reload} />}
        </>
      )}

      <h2>Drafts</h2>
      {drafts.error !== undefined && <ErrorNotice error={drafts.error} />}
      {drafts.data && drafts.data.length === 0 && <p>No drafts.</p>}
      {drafts.data && drafts.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Draft</th>
              <th scope="col">Status</th>
              <th scope="col">Author</th>
              <th scope="col">Backtest</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {[...drafts.data].reverse().map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <Link to={`/policy/drafts/${d.id}`}>{d.rationale || d.id}</Link>
                </th>
                <td>
                  <span className={`badge status-${String(d.status).toLowerCase()}`}>{humanize(d.status)}</span>
                  {d.publishedVersion ? ` as v${d.publishedVersion}` : ''}
                </td>
                <td>{d.author}</td>
                <td>{d.backtestCases === null || d.backtestCases === undefined ? 'running…' : `${d.backtestChanged} of ${d.backtestCases} cases change`}</td>
                <td>{formatDate(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {me.roles.includes('policy-expert') && versions.data && <NewDraftForm live={versions.data.live!} />}
    </section>
  );
}

function DiffPicker({ numbers }: { numbers: number[] }) {
  const api = useApi();
  const [from, setFrom] = useState(numbers[numbers.length - 2]);
  const [to, setTo] = useState(numbers[numbers.length - 1]);
  const diff = useLoad(() => api.get<PolicyDiff>(`/api/v1/policy/diff?from=${from}&to=${to}`), [from, to]);
  return (
    <div className="card">
      <h2>Compare versions</h2>
      <div className="row">
        <label>
          From{' '}
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                v{n}
              </option>
            ))}
          </select>
        </label>
        <label>
          To{' '}
          <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                v{n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {diff.error !== undefined && <ErrorNotice error={diff.error} />}
      {diff.data && <DiffView diff={diff.data} />}
    </div>
  );
}

function RollbackForm({ numbers, live, onDone }: { numbers: number[]; live: number; onDone: () => void }) {
  const api = useApi();
  const [to, setTo] = useState(numbers.filter((n) => n !== live).pop() ?? numbers[0]);
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const version = await api.post<{ number: number }>('/api/v1/policy/rollback', { toVersion: to, rationale });
      setDone(`Published the content of v${to} as v${version.number}.`);
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form className="card stack" onSubmit={submit}>
      <h2>Roll back</h2>
      <label htmlFor="rollback-to">Restore version</label>
      <select id="rollback-to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
        {numbers.map((n) => (
          <option key={n} value={n}>
            v{n}
          </option>
        ))}
      </select>
      <label htmlFor="rollback-rationale">Why</label>
      <input id="rollback-rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} required />
      {error !== null && <ErrorNotice error={error} />}
      {done && <p className="notice success">{done}</p>}
      <button type="submit" className="danger" disabled={!rationale.trim()}>
        Roll back
      </button>
    </form>
  );
}

function NewDraftForm({ live }: { live: number }) {
  const api = useApi();
  const navigate = useNavigate();
  const [rationale, setRationale] = useState('');
  const [dmn, setDmn] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get<PolicyVersion>(`/api/v1/policy/versions/${live}`).then((v) => setDmn(v.content?.routingDmn ?? ''), setError);
  }, [api, live]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const review = await api.post<DraftReview>('/api/v1/policy/drafts', { rationale, routingDmn: dmn });
      navigate(`/policy/drafts/${review.draft?.id}`);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <details className="card">
      <summary>New draft from v{live}</summary>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="draft-rationale">Rationale</label>
        <input id="draft-rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} required />
        <label htmlFor="draft-dmn">Routing decision table (DMN XML)</label>
        <textarea id="draft-dmn" className="code" rows={14} value={dmn} onChange={(e) => setDmn(e.target.value)} spellCheck={false} />
        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" className="primary" disabled={!rationale.trim() || !dmn.trim()}>
          Create draft and backtest
        </button>
      </form>
    </details>
  );
}
