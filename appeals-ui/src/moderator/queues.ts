// Loading the caller's queues: the summary endpoint when the service has it, else one call per queue.
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import type { QueueSummary } from '../api/contract';
import type { QueueCounts, QueueItem, QueueView } from '../api/types';

export function summaryOf(counts: QueueCounts, fallbackName = ''): QueueSummary {
  return {
    queue: counts.queue ?? fallbackName,
    open: counts.open ?? 0,
    leased: counts.leased ?? 0,
    oldestOpenAt: counts.oldestWaitingSince ?? null,
  };
}

/** The caller's queues: GET /queues, or one GET /queues/{q} each on a service without it. */
export async function loadQueues(api: ApiClient, myQueues: readonly string[]): Promise<QueueSummary[]> {
  try {
    return (await api.get<QueueCounts[]>('/api/v1/queues')).map((c) => summaryOf(c));
  } catch (e) {
    if (!(e instanceof ApiError && e.missing)) throw e;
  }
  const views = await Promise.all(myQueues.map((q) => api.get<QueueView>(`/api/v1/queues/${encodeURIComponent(q)}`)));
  return views.map((v, i) => summaryOf(v.counts ?? {}, myQueues[i]));
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
