import { type FormEvent, useState } from 'react';
import { ApiError, queryString } from '../api/client';
import type { BlindAgreement, TransparencyReport } from '../api/contract';
import type { AuditRecord, AuditSearchResult } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { formatDate, humanize, percent } from '../common/format';
import { ErrorNotice, Loading } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { byDay } from './charts';
import { BarChart, TimeChart } from './Charts';
import { buildCsv, download } from './csv';

export interface AuditFilters {
  q: string;
  category: string;
  action: string;
  actorType: string;
  from: string;
  to: string;
}

const EMPTY: AuditFilters = { q: '', category: '', action: '', actorType: '', from: '', to: '' };

/** The search parameters of the audit API: dates (yyyy-mm-dd) become instants covering whole UTC days. */
export function searchParams(f: AuditFilters, size = 200): string {
  return queryString({
    q: f.q.trim(),
    category: f.category,
    action: f.action,
    actorType: f.actorType,
    from: f.from ? `${f.from}T00:00:00Z` : '',
    to: f.to ? `${f.to}T23:59:59Z` : '',
    size,
  });
}

export const CSV_COLUMNS: { header: string; value: (r: AuditRecord) => unknown }[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'kind', value: (r) => r.kind },
  { header: 'decidedAt', value: (r) => r.decidedAt },
  { header: 'caseId', value: (r) => r.caseId },
  { header: 'platformId', value: (r) => r.platformId },
  { header: 'actorType', value: (r) => r.actorType },
  { header: 'actorId', value: (r) => r.actorId },
  { header: 'action', value: (r) => r.action },
  { header: 'category', value: (r) => r.category },
  { header: 'reasonCode', value: (r) => r.reasonCode },
  { header: 'policyVersion', value: (r) => r.policyVersion },
  { header: 'queue', value: (r) => r.queue },
  { header: 'modelVersions', value: (r) => r.modelVersions },
  { header: 'note', value: (r) => r.note },
];

export function AuditPage() {
  const api = useApi();
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const result = useLoad(() => api.get<AuditSearchResult>(`/api/v1/audit/search${searchParams(filters)}`), [filters]);
  const period = queryString({ from: filters.from ? `${filters.from}T00:00:00Z` : '', to: filters.to ? `${filters.to}T23:59:59Z` : '' });
  const report = useLoad(() => api.get<TransparencyReport>(`/api/v1/transparency/report${period}`), [period]);
  const agreement = useLoad(() => api.get<BlindAgreement>(`/api/v1/audit/blind-agreement${period}`), [period]);
  const records = result.data?.records ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }
  const field = (name: keyof AuditFilters) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit</h1>
      <form className="filters" onSubmit={submit} role="search" aria-label="Search decisions">
        <label>
          Text <input type="search" name="q" placeholder="notes, statements" {...field('q')} />
        </label>
        <label>
          Category <input name="category" placeholder="spam" {...field('category')} />
        </label>
        <label>
          Action
          <select name="action" {...field('action')}>
            <option value="">any</option>
            {['allow', 'label', 'demote', 'remove', 'suspend', 'escalate', 'review'].map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Decided by
          <select name="actorType" {...field('actorType')}>
            <option value="">anyone</option>
            <option value="AUTOMATED">automated</option>
            <option value="HUMAN">human</option>
          </select>
        </label>
        <label>
          From <input type="date" name="from" {...field('from')} />
        </label>
        <label>
          To <input type="date" name="to" {...field('to')} />
        </label>
        <button type="submit" className="primary">
          Search
        </button>
      </form>

      <div className="stats">
        <Stat label="Matching decisions" value={result.data ? String(result.data.total ?? 0) : '…'} />
        <Stat
          label="Appeal overturn rate"
          value={report.data ? percent(report.data.appeals.overturnRate) : report.error ? 'n/a' : '…'}
          note={report.data ? `${report.data.appeals.overturned} of ${report.data.appeals.decided} decided appeals` : unavailable(report.error)}
        />
        <Stat
          label="Reviewer agreement (blind audits)"
          value={agreement.data ? percent(agreement.data.agreementRate) : agreement.error ? 'n/a' : '…'}
          note={agreement.data ? `${agreement.data.agreed} of ${agreement.data.decided} audited decisions` : unavailable(agreement.error)}
        />
      </div>

      {result.loading && !result.data && <Loading what="Searching" />}
      {result.error !== undefined && <ErrorNotice error={result.error} />}
      {result.data && (
        <>
          <div className="charts">
            <TimeChart title="Decisions per day: automated vs human" points={byDay(records, (r) => r.decidedAt ?? '', (r) => r.actorType ?? '')} />
            <BarChart title="By category" counts={result.data.byCategory} />
            <BarChart title="By action" counts={result.data.byAction} />
            <BarChart title="Automated vs human" counts={result.data.byActorType} />
          </div>
          <div className="row between">
            <h2>
              Decisions <span className="muted">({records.length} shown of {result.data.total})</span>
            </h2>
            <StatementsExport />
            <button
              type="button"
              onClick={() => download(`arbiter-decisions-${new Date().toISOString().slice(0, 10)}.csv`, buildCsv(records, CSV_COLUMNS))}
              disabled={records.length === 0}
            >
              Export CSV
            </button>
          </div>
          <div className="scroll">
            <table className="records">
              <thead>
                <tr>
                  <th scope="col">Decided</th>
                  <th scope="col">Kind</th>
                  <th scope="col">By</th>
                  <th scope="col">Action</th>
                  <th scope="col">Category</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Policy</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(r.decidedAt)}</td>
                    <td>{humanize(r.kind)}</td>
                    <td>{r.actorType === 'AUTOMATED' ? 'automated' : r.actorId}</td>
                    <td>{r.action}</td>
                    <td>{humanize(r.category)}</td>
                    <td>{r.reasonCode}</td>
                    <td>{r.policyVersion}</td>
                    <td>{r.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The statements of reasons as the service exports them (DSA transparency database format). */
function StatementsExport() {
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  async function exportStatements() {
    setError(null);
    try {
      const url = await api.objectUrl('/api/v1/statements/export');
      const link = document.createElement('a');
      link.href = url;
      link.download = `arbiter-statements-${new Date().toISOString().slice(0, 10)}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e instanceof ApiError && e.missing ? new Error('The statements export is not available from the service yet.') : e);
    }
  }
  return (
    <span className="row">
      <button type="button" onClick={() => void exportStatements()}>
        Export statements of reasons
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </span>
  );
}

function unavailable(error: unknown): string | undefined {
  if (error instanceof ApiError && error.status === 404) return 'not available from the service yet';
  return error ? 'could not be loaded' : undefined;
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {note && <span className="muted">{note}</span>}
    </div>
  );
}
