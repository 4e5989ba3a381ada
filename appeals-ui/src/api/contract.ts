// Types the views use for responses whose generated schema gives every field as optional: written as the
// views read them, and checked at compile time against schema.d.ts (checks.ts) so that a field the service's
// OpenAPI description lacks fails the build (see README, "API types and the OpenAPI snapshot").

import type { QueueItem } from './types';

export interface QueueSummary {
  queue: string;
  open: number;
  leased: number;
  oldestOpenAt: string | null;
}

export interface CaseInfo {
  id: string;
  platformId: string;
  externalId?: string;
  reporterType?: string;
  surface: string;
  locale: string | null;
  language: string | null;
  submittedAt: string;
  flags: string[];
}

export interface CasePart {
  position: number;
  kind: string;
  mediaType: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  text: string | null;
  /** Tika's metadata: values may be strings, lists or objects. */
  metadata: Record<string, unknown> | null;
  mediaUrl: string | null;
}

export interface Highlight {
  part: number;
  start: number;
  end: number;
  label: string;
}

export interface Signals {
  language?: string;
  scores: Record<string, number>;
  flags: Record<string, boolean | string>;
  modelVersions: Record<string, string>;
}

export interface HistoryEntry {
  at: string;
  event?: string;
  actorType: string;
  actor: string | null;
  action: string;
  reasonCode: string | null;
  note: string | null;
  queue: string | null;
}

export interface ReasonCodeOption {
  code: string;
  category: string;
  action: string;
  /** A short title; the service's taxonomy gives the notice text instead. */
  title?: string;
  noticeText?: string;
}

export interface AutomaticDecision {
  action?: string;
  reasonCode?: string;
  category?: string;
  route?: string;
  policyVersion?: string | number;
  [key: string]: unknown;
}

export interface CaseView {
  item: QueueItem;
  case: CaseInfo;
  parts: CasePart[];
  highlights: Highlight[];
  signals: Signals | null;
  automaticDecision: AutomaticDecision | null;
  history: HistoryEntry[];
  reasonCodes: ReasonCodeOption[];
}

export interface BlindAgreement {
  from?: string;
  to?: string;
  sampled: number;
  decided: number;
  agreed: number;
  agreementRate: number | null;
  byCategory: { category: string; sampled?: number; decided: number; agreed: number }[];
}

export interface Statement {
  summary: string;
  [field: string]: unknown;
}

export interface MyDecision {
  decisionId: string;
  caseId: string;
  platformId: string;
  externalId: string;
  surface: string;
  action: string;
  category: string;
  reasonCode: string;
  decidedAt: string;
  automated: boolean;
  statement: Statement | null;
  appealable: boolean;
  appealDeadline: string | null;
  notAppealableReason: string | null;
  appealId: string | null;
}

export type AppealStatus = 'filed' | 'ineligible' | 'in-review' | 'escalated' | 'upheld' | 'overturned';

export interface AppealReceipt {
  appealId: string;
  decisionId: string;
  status: AppealStatus;
  filedAt: string;
}

export interface Attachment {
  fileName?: string;
  mediaType?: string;
  sizeBytes?: number;
  [key: string]: unknown;
}

export interface Redress {
  kind: string;
  description: string;
  url?: string;
}

export interface MyAppeal {
  appealId: string;
  decisionId: string;
  caseId: string;
  status: AppealStatus;
  filedAt: string;
  text: string;
  attachments: Attachment[];
  ineligibleReason: string | null;
  outcome: null | { result: string; reasonCode: string | null; explanation: string | null; decidedAt: string };
  redress: Redress[];
  history: { at: string; event: string; detail: string | null }[];
  original: { action: string; category: string; reasonCode: string; decidedAt: string; statementSummary: string | null } | null;
}

export interface AppealForReview {
  appealId: string;
  queueItemId: string;
  status: AppealStatus;
  filedAt: string;
  text: string;
  attachments: Attachment[];
  appellantRole: string;
  original: {
    decisionId: string;
    actorType: string;
    actorId: string | null;
    action: string;
    category: string;
    reasonCode: string;
    note: string | null;
    policyVersion: string | number | null;
    decidedAt: string;
    modelVersions: Record<string, string> | null;
    scores: Record<string, number> | null;
  };
  case: { caseId: string; platformId: string; surface: string; locale: string | null; parts: CasePart[]; signals: Signals | null };
  history: { at: string; event: string; detail: string | null }[];
}

export type AppealOutcome = 'upheld' | 'overturned' | 'escalate';

export interface TransparencyReport {
  appeals: {
    filed: number;
    decided: number;
    overturned: number;
    upheld: number;
    ineligible: number;
    medianHoursToDecide: number | null;
    overturnRate: number | null;
  };
  byCategory: { category: string; [key: string]: unknown }[];
}
