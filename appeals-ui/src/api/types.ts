// Types of the endpoints the service describes in /v3/api-docs, from the generated schema.d.ts
// (npm run api:generate from the committed snapshot api/openapi.json).
import type { components } from './schema';

type S = components['schemas'];

export type Me = S['Me'] & Required<Pick<S['Me'], 'username' | 'roles' | 'queues'>>;
export type QueueItem = S['QueueItem'];
export type QueueCounts = S['QueueCounts'];
export type QueueView = S['QueueView'];
export type QueueMember = S['QueueMember'];
export type Decision = S['Decision'];
export type ReviewDecisionRequest = S['ReviewDecisionRequest'];
export type AuditRecord = S['AuditRecord'];
export type AuditSearchResult = S['AuditSearchResult'];
export type VersionList = S['VersionList'];
export type VersionSummary = S['VersionSummary'];
export type PolicyVersion = S['PolicyVersion'];
export type PolicyDiff = S['PolicyDiff'];
export type DraftSummary = S['DraftSummary'];
export type DraftReview = S['DraftReview'];
export type BacktestReport = S['BacktestReport'];
export type Rollback = S['Rollback'];
