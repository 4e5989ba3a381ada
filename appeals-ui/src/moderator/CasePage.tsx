import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import type { CasePart, CaseView, Highlight, ReasonCodeOption } from '../api/contract';
import type { Decision, QueueItem } from '../api/types';
import { useApi, useAuth } from '../auth/AuthContext';
import { formatDate, humanize } from '../common/format';
import { ErrorNotice, Loading } from '../common/Status';
import { BlurredImage } from './BlurredImage';
import { Reassign } from './Reassign';
import { splitHighlights } from './highlight';
import { leaseCountdown } from './lease';
import { claimNext } from './queues';
import { SHIPPED_REASON_CODES } from './reasonCodes';
import { allowReason, type Command, commandFor, filterReasons, removeReason, SHORTCUTS } from './shortcuts';

type Outcome =
  | { kind: 'decided'; text: string }
  | { kind: 'released' }
  | { kind: 'escalated' }
  | { kind: 'reassigned'; to: string }
  | { kind: 'empty'; queue: string };

/** The case a moderator holds: content, signals, reason codes, decide / escalate / release by keyboard. */
export function CasePage() {
  const { itemId } = useParams();
  const api = useApi();
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const base = location.pathname.startsWith('/review') ? '/review' : '/moderator';
  const claimed = (location.state as { item?: QueueItem } | null)?.item;

  const [view, setView] = useState<CaseView | null>(null);
  const [viewMissing, setViewMissing] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const [filter, setFilter] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setView(null);
    setViewMissing(false);
    setLoadError(null);
    setOutcome(null);
    setChosen(null);
    setNote('');
    setError(null);
    api.get<CaseView>(`/api/v1/queue-items/${itemId}`).then(
      (v) => {
        setView(v);
        setChosen(v.automaticDecision?.reasonCode && v.reasonCodes.some((c) => c.code === v.automaticDecision?.reasonCode) ? String(v.automaticDecision.reasonCode) : null);
      },
      (e) => (e instanceof ApiError && e.status === 404 && claimed ? setViewMissing(true) : setLoadError(e)),
    );
  }, [api, itemId, claimed]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  const item: QueueItem | undefined = view?.item ?? claimed;
  const reasonCodes: ReasonCodeOption[] = view?.reasonCodes?.length ? view.reasonCodes : SHIPPED_REASON_CODES;
  const suggested = view?.automaticDecision?.reasonCode as string | undefined;
  const shown = filterReasons(reasonCodes, filter);
  const done = outcome !== null;

  const decide = useCallback(
    async (reason: ReasonCodeOption | undefined) => {
      if (!reason) {
        setError(new Error('Choose a reason code first (keys 1–9).'));
        return;
      }
      setBusy(true);
      setError(null);
      try {
        const decision = await api.post<Decision>(`/api/v1/reviews/${itemId}/decision`, {
          action: reason.action,
          reasonCode: reason.code,
          note: note.trim() || undefined,
        });
        setOutcome({ kind: 'decided', text: `${humanize(decision?.action ?? reason.action)} — ${decision?.reasonCode ?? reason.code}` });
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [api, itemId, note],
  );

  const escalate = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/queue-items/${itemId}/escalate`, { note: note.trim() || 'Escalated for a senior opinion' });
      setOutcome({ kind: 'escalated' });
    } catch (e) {
      setError(e instanceof ApiError && e.missing ? new Error('Escalation is not available from the service yet.') : e);
    } finally {
      setBusy(false);
    }
  }, [api, itemId, note]);

  const release = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/queue-items/${itemId}/release`);
      setOutcome({ kind: 'released' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [api, itemId]);

  const next = useCallback(async () => {
    if (!item?.queue) return;
    setBusy(true);
    try {
      const nextItem = await claimNext(api, item.queue);
      if (nextItem?.id) navigate(`${base}/items/${nextItem.id}`, { state: { item: nextItem } });
      else setOutcome({ kind: 'empty', queue: item.queue });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [api, base, item?.queue, navigate]);

  const run = useCallback(
    (command: Command) => {
      if (busy) return;
      if (command.kind === 'next') {
        void next();
        return;
      }
      if (done) return;
      switch (command.kind) {
        case 'allow':
          void decide(allowReason(reasonCodes));
          break;
        case 'remove':
          void decide(removeReason(reasonCodes, chosen, suggested));
          break;
        case 'decide':
          void decide(reasonCodes.find((c) => c.code === chosen));
          break;
        case 'escalate':
          void escalate();
          break;
        case 'release':
          void release();
          break;
        case 'select':
          if (shown[command.index]) setChosen(shown[command.index].code);
          break;
        case 'filter':
          filterRef.current?.focus();
          break;
      }
    },
    [busy, done, next, decide, escalate, release, reasonCodes, shown, chosen, suggested],
  );

  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      const command = commandFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName,
        targetEditable: target?.isContentEditable,
      });
      if (command) {
        event.preventDefault();
        runRef.current(command);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (loadError) {
    return (
      <section>
        <ErrorNotice error={loadError} />
        <Link to={base}>Back to the queues</Link>
      </section>
    );
  }
  if (!view && !viewMissing) return <Loading what="Opening the case" />;

  const lease = leaseCountdown(item?.leaseExpiresAt, now);
  return (
    <section className="case" aria-labelledby="case-title" data-case-id={item?.caseId}>
      <div className="case-head">
        <h1 id="case-title">
          Case in <span className="queue-name">{item?.queue}</span>
          {item?.kind && <span className="badge">{humanize(item.kind)}</span>}
          {item?.blind && <span className="badge warn">Blind audit</span>}
        </h1>
        {!done && (
          <p className={`lease lease-${lease.state}`} role="timer" aria-live="off" data-testid="lease">
            Lease: {lease.text}
          </p>
        )}
      </div>

      <div className="case-grid">
        <div className="case-main">
          {viewMissing && (
            <div className="notice info" role="status">
              The case details are not available from the service yet; you can still decide with a reason code.
            </div>
          )}
          {view && <CaseContent view={view} itemId={itemId!} />}
        </div>

        <aside className="case-side" aria-label="Decision">
          {outcome ? (
            <OutcomePanel outcome={outcome} base={base} />
          ) : (
            <>
              <label htmlFor="reason-filter">
                Filter reason codes <kbd>/</kbd>
              </label>
              <input
                id="reason-filter"
                ref={filterRef}
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === 'Escape') {
                    e.preventDefault();
                    if (e.key === 'Enter' && shown[0]) setChosen(shown[0].code);
                    e.currentTarget.blur();
                  }
                }}
              />
              <fieldset className="reasons">
                <legend>Reason code</legend>
                {shown.map((c, i) => (
                  <label key={c.code} className={c.code === chosen ? 'chosen' : ''}>
                    <input type="radio" name="reason" value={c.code} checked={c.code === chosen} onChange={() => setChosen(c.code)} />
                    {i < 9 && <kbd>{i + 1}</kbd>} <strong>{c.code}</strong> {reasonTitle(c)}{' '}
                    <span className="muted">→ {c.action}</span>
                    {c.code === suggested && <span className="badge">suggested</span>}
                  </label>
                ))}
              </fieldset>
              <label htmlFor="note">Note for the record</label>
              <textarea id="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
              <div className="actions">
                <button type="button" onClick={() => run({ kind: 'allow' })} disabled={busy}>
                  <kbd>a</kbd> Allow
                </button>
                <button type="button" className="danger" onClick={() => run({ kind: 'remove' })} disabled={busy}>
                  <kbd>r</kbd> Remove
                </button>
                <button type="button" className="primary" onClick={() => run({ kind: 'decide' })} disabled={busy || !chosen}>
                  <kbd>d</kbd> Decide
                </button>
                <button type="button" onClick={() => run({ kind: 'escalate' })} disabled={busy}>
                  <kbd>e</kbd> Escalate
                </button>
                <button type="button" onClick={() => run({ kind: 'release' })} disabled={busy}>
                  <kbd>l</kbd> Release
                </button>
              </div>
              {me.roles.includes('senior-moderator') && item?.queue && (
                <Reassign itemId={itemId!} queue={item.queue} onDone={(to) => setOutcome({ kind: 'reassigned', to })} />
              )}
            </>
          )}
          {error !== null && <ErrorNotice error={error} />}
          <details className="shortcuts" open>
            <summary>Keyboard shortcuts</summary>
            <dl>
              {SHORTCUTS.map((s) => (
                <div key={s.key}>
                  <dt>
                    <kbd>{s.key}</kbd>
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </details>
        </aside>
      </div>
    </section>
  );
}

function OutcomePanel({ outcome, base }: { outcome: Outcome; base: string }) {
  const text =
    outcome.kind === 'decided'
      ? `Decided: ${outcome.text}.`
      : outcome.kind === 'released'
        ? 'Released back to the queue.'
        : outcome.kind === 'escalated'
          ? 'Escalated to a senior moderator.'
          : outcome.kind === 'reassigned'
            ? `Reassigned to ${outcome.to}.`
            : `Nothing else waits in ${outcome.queue}.`;
  return (
    <div className="notice success" role="status" data-testid="case-outcome">
      <p>{text}</p>
      <p>
        Press <kbd>n</kbd> for the next case, or <Link to={base}>go back to the queues</Link>.
      </p>
    </div>
  );
}

function CaseContent({ view, itemId }: { view: CaseView; itemId: string }) {
  return (
    <>
      <dl className="facts">
        <dt>Platform</dt>
        <dd>{view.case.platformId}</dd>
        <dt>Surface</dt>
        <dd>{humanize(view.case.surface)}</dd>
        <dt>Language</dt>
        <dd>{view.case.language ?? view.case.locale ?? '—'}</dd>
        <dt>Submitted</dt>
        <dd>{formatDate(view.case.submittedAt)}</dd>
        {view.case.flags.length > 0 && (
          <>
            <dt>Flags</dt>
            <dd>{view.case.flags.join(', ')}</dd>
          </>
        )}
      </dl>

      <h2>Content</h2>
      {view.parts.map((part) => (
        <PartView key={part.position} part={part} itemId={itemId} highlights={view.highlights.filter((h) => h.part === part.position)} />
      ))}

      <h2>Classifier signals</h2>
      {view.signals === null ? (
        <p className="notice info">Blind audit: the machine&apos;s signals and decision are hidden so your judgement is independent.</p>
      ) : (
        <table className="signals">
          <caption className="sr-only">Scores by classifier</caption>
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(view.signals.scores).map(([name, score]) => (
              <tr key={name}>
                <th scope="row">{humanize(name)}</th>
                <td>
                  <meter min={0} max={1} value={score} aria-label={`${name} score`} /> {score.toFixed(2)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2} className="muted">
                Models:{' '}
                {Object.entries(view.signals.modelVersions)
                  .map(([m, v]) => `${m} ${v}`)
                  .join(', ') || '—'}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {view.automaticDecision && (
        <p className="muted">
          Policy suggestion: {humanize(String(view.automaticDecision.route ?? view.automaticDecision.action ?? ''))}{' '}
          {String(view.automaticDecision.reasonCode ?? '')}
          {view.automaticDecision.policyVersion ? ` (policy ${view.automaticDecision.policyVersion})` : ''}
        </p>
      )}

      <h2>History</h2>
      {view.history.length === 0 ? (
        <p className="muted">No earlier decisions.</p>
      ) : (
        <ol className="timeline">
          {view.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{formatDate(h.at)}</time> — {[humanize(h.actorType), h.actor].filter(Boolean).join(' ')}: {h.action ?? humanize(h.event)}
              {h.reasonCode ? ` (${h.reasonCode})` : ''}
              {h.queue ? ` in ${h.queue}` : ''}
              {h.note && <q className="note">{h.note}</q>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function PartView({ part, itemId, highlights }: { part: CasePart; itemId: string; highlights: Highlight[] }) {
  const isImage = (part.mediaType ?? '').startsWith('image/') || part.kind.toLowerCase() === 'image';
  return (
    <figure className="part" data-testid="case-part">
      {isImage && (
        <BlurredImage
          src={part.mediaUrl ?? `/api/v1/queue-items/${itemId}/parts/${part.position}`}
          alt={part.fileName ?? `image ${part.position}`}
        />
      )}
      {part.text && (
        <p className="content-text">
          {splitHighlights(part.text, highlights).map((s, i) =>
            s.label ? (
              <mark key={i} title={s.label} data-label={s.label}>
                {s.text}
              </mark>
            ) : (
              <span key={i}>{s.text}</span>
            ),
          )}
        </p>
      )}
      <figcaption className="muted">
        {humanize(part.kind)}
        {part.fileName ? ` · ${part.fileName}` : ''}
        {part.mediaType ? ` · ${part.mediaType}` : ''}
        {Object.keys(part.metadata ?? {}).length > 0 && (
          <details>
            <summary>Metadata</summary>
            <dl>
              {Object.entries(part.metadata ?? {}).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{metadataText(v)}</dd>
                </div>
              ))}
            </dl>
          </details>
        )}
      </figcaption>
    </figure>
  );
}

/** A metadata value as text: strings as they are, lists joined, anything else as JSON. */
export function metadataText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(metadataText).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A reason code's short title: the title, else the first sentence of its notice text. */
export function reasonTitle(code: ReasonCodeOption): string {
  if (code.title) return code.title;
  const notice = code.noticeText ?? '';
  const sentence = notice.split(/(?<=\.)\s/)[0] ?? '';
  return sentence.length > 70 ? `${sentence.slice(0, 67)}…` : sentence;
}
