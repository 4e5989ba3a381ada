import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useApi, useAuth } from '../auth/AuthContext';
import { age } from '../common/format';
import { ErrorNotice, Loading } from '../common/Status';
import { useLoad } from '../common/useLoad';
import { claimNext, loadQueues, sortQueues } from './queues';

/** The moderator's queues with counts and the age of the oldest waiting item; "Next case" claims one. */
export function QueuesPage({
  only,
  itemPath = (id) => `/moderator/items/${id}`,
  title = 'Your review queues',
}: {
  only?: (queue: string) => boolean;
  itemPath?: (itemId: string) => string;
  title?: string;
}) {
  const { me } = useAuth();
  const api = useApi();
  const navigate = useNavigate();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const queues = useLoad(() => loadQueues(api, me.queues), [me.queues]);
  const shown = sortQueues((queues.data ?? []).filter((q) => !only || only(q.queue)));

  async function next(queue: string) {
    setMessage(null);
    setError(null);
    try {
      const item = await claimNext(api, queue);
      if (item?.id) navigate(itemPath(item.id), { state: { item } });
      else setMessage(`Nothing waits in ${queue} for you right now.`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="queues-title">
      <h1 id="queues-title">{title}</h1>
      {queues.loading && !queues.data && <Loading what="Loading queues" />}
      {queues.error !== undefined && <ErrorNotice error={queues.error} />}
      {message && (
        <p className="notice info" role="status">
          {message}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {queues.data && shown.length === 0 && <p>You work no queues here.</p>}
      {shown.length > 0 && (
        <table className="queues">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Waiting</th>
              <th scope="col">In review</th>
              <th scope="col">Oldest waiting</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((q) => (
              <tr key={q.queue} data-testid={`queue-${q.queue}`}>
                <th scope="row">{q.queue}</th>
                <td>{q.open}</td>
                <td>{q.leased}</td>
                <td>{age(q.oldestOpenAt)}</td>
                <td>
                  <button type="button" className="primary" onClick={() => void next(q.queue)} aria-label={`Next case in ${q.queue}`}>
                    Next case
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" className="link" onClick={queues.reload}>
          Refresh
        </button>
      </p>
    </section>
  );
}
