// Every API path the UI calls, with whether the service described it when the snapshot was taken.
// api.test.ts checks this list against the snapshot, so a path the service drops fails the tests, and a
// contract path it starts describing is noticed (move it to DESCRIBED and type it from schema.d.ts).

/** Paths the committed snapshot of /v3/api-docs describes. */
export const DESCRIBED = [
  'GET /api/v1/me',
  'GET /api/v1/queues/{queue}',
  'POST /api/v1/queues/{queue}/claim-next',
  'POST /api/v1/queue-items/{id}/release',
  'GET /api/v1/queues/{queue}/moderators',
  'POST /api/v1/reviews/{id}/decision',
  'GET /api/v1/audit/search',
  'GET /api/v1/policy/versions',
  'GET /api/v1/policy/versions/{n}',
  'GET /api/v1/policy/diff',
  'GET /api/v1/policy/drafts',
  'POST /api/v1/policy/drafts',
  'GET /api/v1/policy/drafts/{id}',
  'POST /api/v1/policy/drafts/{id}/approve',
  'POST /api/v1/policy/drafts/{id}/reject',
  'POST /api/v1/policy/drafts/{id}/shadow',
  'POST /api/v1/policy/rollback',
  'GET /api/v1/queues',
  'GET /api/v1/queue-items/{id}',
  'GET /api/v1/queue-items/{id}/parts/{position}',
  'POST /api/v1/queue-items/{id}/escalate',
  'POST /api/v1/queue-items/{id}/reassign',
  'GET /api/v1/audit/blind-agreement',
  'GET /api/v1/me/decisions',
  'POST /api/v1/appeals',
  'GET /api/v1/me/appeals',
  'GET /api/v1/me/appeals/{id}',
  'GET /api/v1/appeals/by-queue-item/{id}',
  'GET /api/v1/appeals/{id}',
  'POST /api/v1/appeals/{id}/decision',
  'GET /api/v1/transparency/report',
  'GET /api/v1/statements/export',
] as const;

/** Paths of the agreed contract the backend is adding (types in contract.ts); views handle their 404. */
export const CONTRACT: readonly string[] = [];

/** "GET /api/v1/x" for every operation of an OpenAPI document. */
export function operationsOf(doc: { paths?: Record<string, Record<string, unknown>> }): string[] {
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => methods.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}
