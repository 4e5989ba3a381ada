import { useState } from 'react';
import type { QueueMember } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { ErrorNotice } from '../common/Status';
import { useLoad } from '../common/useLoad';

/** Senior moderators hand an item to another member of its queue. */
export function Reassign({ itemId, queue, onDone }: { itemId: string; queue: string; onDone: (to: string) => void }) {
  const api = useApi();
  const members = useLoad(() => api.get<QueueMember[]>(`/api/v1/queues/${encodeURIComponent(queue)}/moderators`), [queue]);
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function reassign() {
    setError(null);
    try {
      await api.post(`/api/v1/queue-items/${itemId}/reassign`, { moderator: to });
      onDone(to);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div className="stack reassign">
      <label htmlFor="reassign-to">Reassign to</label>
      <select id="reassign-to" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">—</option>
        {members.data?.map((m) => (
          <option key={m.subject} value={m.username}>
            {m.username} {m.firstName ? `(${m.firstName} ${m.lastName ?? ''})` : ''}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void reassign()} disabled={!to}>
        Reassign
      </button>
      {members.error !== undefined && <ErrorNotice error={members.error} />}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
