// Loading the caller's queues: the summary endpoint when the service has it, else one call per queue.
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import type { QueueSummary } from '../api/contract';
import type { QueueItem, QueueView } from '../api/types';

export async function loadQueues(api: ApiClient, myQueues: readonly string[]): Promise<QueueSummary[]> {
  try {
    return await api.get<QueueSummary[]>('/api/v1/queues');
  } catch (e) {
    if (!(e instanceof ApiError && e.missing)) throw e;
  }
  const views = await Promise.all(myQueues.map((q) => api.get<QueueView>(`/api/v1/queues/${encodeURIComponent(q)}`)));
  return views.map((v, i) => ({
    queue: v.counts?.queue ?? myQueues[i],
    open: v.counts?.open ?? 0,
    leased: v.counts?.leased ?? 0,
    oldestOpenAt: v.counts?.oldestWaitingSince ?? null,
  }));
}

/** Claims the next item of a queue; null when nothing waits. */
export function claimNext(api: ApiClient, queue: string): Promise<QueueItem | null> {
  return api.post<QueueItem | null>(`/api/v1/queues/${encodeURIComponent(queue)}/claim-next`);
}

/** Queues sorted for work: most waiting first, then the oldest. */
export function sortQueues(queues: readonly QueueSummary[]): QueueSummary[] {
  return [...queues].sort(
    (a, b) =>
      b.open - a.open ||
      (a.oldestOpenAt ?? '9999').localeCompare(b.oldestOpenAt ?? '9999') ||
      a.queue.localeCompare(b.queue),
  );
}
