// Compile-time checks (tsc -b, part of the build) that the view types of contract.ts name only fields the
// service's OpenAPI description (schema.d.ts) has: a renamed or missing field fails the build.
import type { components } from './schema';
import type {
  AppealForReview,
  AppealReceipt,
  BlindAgreement,
  CaseInfo,
  CasePart,
  CaseView,
  Highlight,
  HistoryEntry,
  MyAppeal,
  MyDecision,
  ReasonCodeOption,
  Signals,
  TransparencyReport,
} from './contract';
import type { QueueCounts } from './types';

type S = components['schemas'];

/** The keys of T the other type lacks; never when all are there. */
type Unknown<T, Described> = Exclude<keyof T, keyof Described>;
/** Compiles only when the argument is never. */
type Assert<T extends never> = T;

export type Checks = [
  Assert<Unknown<CaseView, S['CaseView']>>,
  Assert<Unknown<CaseInfo, S['CaseSummary']>>,
  Assert<Unknown<CasePart, S['Part']>>,
  Assert<Unknown<Highlight, S['Highlight']>>,
  Assert<Unknown<HistoryEntry, S['HistoryEntry']>>,
  Assert<Unknown<Signals, S['Signals']>>,
  Assert<Unknown<Omit<ReasonCodeOption, 'title'>, S['ReasonCode']>>,
  Assert<Unknown<BlindAgreement, S['BlindAgreementReport']>>,
  Assert<Unknown<BlindAgreement['byCategory'][number], S['CategoryAgreement']>>,
  Assert<Unknown<MyDecision, S['MyDecision']>>,
  Assert<Unknown<AppealReceipt, S['AppealReceipt']>>,
  Assert<Unknown<MyAppeal, S['AppellantView']>>,
  Assert<Unknown<NonNullable<MyAppeal['outcome']>, S['Outcome']>>,
  Assert<Unknown<MyAppeal['redress'][number], S['Redress']>>,
  Assert<Unknown<MyAppeal['history'][number], S['HistoryLine']>>,
  Assert<Unknown<NonNullable<MyAppeal['original']>, S['OriginalForAppellant']>>,
  Assert<Unknown<AppealForReview, S['ExpertView']>>,
  Assert<Unknown<AppealForReview['original'], S['OriginalForExpert']>>,
  Assert<Unknown<AppealForReview['case'], S['CaseForExpert']>>,
  Assert<Unknown<TransparencyReport, S['Report']>>,
  // GET /api/v1/queues answers QueueCounts[]; moderator/queues.ts reads these fields.
  Assert<Unknown<Pick<QueueCounts, 'queue' | 'open' | 'leased' | 'oldestWaitingSince'>, S['QueueCounts']>>,
];
