import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import type { MyDecision } from '../api/contract';
import { useApi } from '../auth/AuthContext';
import { deadlineText, formatDate, humanize } from '../common/format';
import { ErrorNotice, Loading, Unavailable } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { actionText, appealChoice, statementFields } from './appeals';

export function MyDecisionsPage() {
  const api = useApi();
  const { data, error, loading } = useLoad(() => api.get<MyDecision[]>('/api/v1/me/decisions'), []);
  return (
    <section className="portal" aria-labelledby="decisions-title">
      <h1 id="decisions-title">Decisions about your content</h1>
      <p className="lead">
        Here is every decision we made about content you posted, why we made it, and how to appeal it.
      </p>
      {loading && <Loading what="Loading your decisions" />}
      {error instanceof ApiError && error.status === 404 ? (
        <Unavailable what="The list of your decisions" />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
      {data && data.length === 0 && <p>There are no decisions about your content.</p>}
      <ul className="cards">
        {data?.map((decision) => (
          <li key={decision.decisionId}>
            <DecisionCard decision={decision} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DecisionCard({ decision }: { decision: MyDecision }) {
  const choice = appealChoice(decision);
  const titleId = `decision-${decision.decisionId}`;
  return (
    <article className="card decision" aria-labelledby={titleId} data-testid="decision">
      <h2 id={titleId}>{actionText(decision.action)}</h2>
      <p className="meta">
        {humanize(decision.surface)} <code>{decision.externalId}</code> · {formatDate(decision.decidedAt)} ·{' '}
        {decision.automated ? 'decided automatically' : 'decided by a reviewer'}
      </p>
      <p className="statement">{decision.statement?.summary ?? 'No statement of reasons was recorded.'}</p>
      <details>
        <summary>Full statement of reasons</summary>
        <dl>
          <dt>Category</dt>
          <dd>{humanize(decision.category)}</dd>
          <dt>Rule</dt>
          <dd>{decision.reasonCode}</dd>
          {statementFields(decision.statement).map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      </details>
      {choice.kind === 'open' && (
        <p>
          <Link className="button" to={`/my/appeals/${choice.appealId}`}>
            Follow your appeal
          </Link>
        </p>
      )}
      {choice.kind === 'appealable' && (
        <p className="appeal-row">
          <span className="deadline">{deadlineText(choice.deadline)}</span>
          <Link className="button primary" to={`/my/decisions/${decision.decisionId}/appeal`}>
            Appeal this decision
          </Link>
        </p>
      )}
      {choice.kind === 'closed' && <p className="muted">{choice.reason}</p>}
    </article>
  );
}
