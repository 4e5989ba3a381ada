-- The policy store: published versions, drafts under review, their reviews, the change log and shadow results.
-- A version's content is never updated; rollback publishes an earlier content again under a new number.

create table policy_versions (
    number        int primary key,
    taxonomy_json text        not null,
    routing_dmn   text        not null,
    content_hash  text        not null,
    author        text        not null,
    approver      text        not null,
    published_by  text        not null,
    published_at  timestamptz not null,
    rationale     text        not null,
    draft_id      text,
    restored_from int references policy_versions (number),
    constraint policy_versions_number check (number >= 1)
);

create sequence policy_draft_ids;

create table policy_drafts (
    id                   text primary key,
    author               text        not null,
    rationale            text        not null,
    taxonomy_json        text        not null,
    routing_dmn          text        not null,
    content_hash         text        not null,
    base_version         int         not null references policy_versions (number),
    created_at           timestamptz not null,
    status               text        not null,
    backtest_cases       int,
    backtest_changed     int,
    backtest_ran_at      timestamptz,
    backtest_ran_by      text,
    -- The full report the reviewer reads: counts by category and route, transitions, examples.
    backtest_report      jsonb,
    published_version    int references policy_versions (number),
    process_instance_key bigint,
    constraint policy_drafts_status check (status in ('OPEN', 'APPROVED', 'PUBLISHED', 'REJECTED'))
);

create index policy_drafts_status on policy_drafts (status);

-- The second expert's review of a draft (approval or rejection); never by the draft's author.
create table policy_approvals (
    draft_id    text primary key references policy_drafts (id),
    reviewer    text        not null,
    outcome     text        not null,
    comment     text,
    reviewed_at timestamptz not null,
    constraint policy_approvals_outcome check (outcome in ('APPROVED', 'REJECTED'))
);

-- Every step of change control, oldest first by id.
create table policy_change_log (
    id      bigserial primary key,
    at      timestamptz not null,
    actor   text        not null,
    type    text        not null,
    subject text        not null,
    detail  text        not null
);

-- How each policy-change workflow ended (published, rejected, expired), written once by its last task.
create table policy_change_records (
    draft_id             text primary key references policy_drafts (id),
    outcome              text        not null,
    policy_version       int references policy_versions (number),
    process_instance_key bigint,
    recorded_at          timestamptz not null,
    constraint policy_change_records_outcome check (outcome in ('published', 'rejected', 'expired'))
);

-- Drafts running beside the live policy on new traffic; a row with stopped_at null is running.
create table policy_shadow_modes (
    draft_id   text primary key references policy_drafts (id),
    started_by text        not null,
    started_at timestamptz not null,
    stopped_by text,
    stopped_at timestamptz
);

create table policy_shadow_evaluations (
    id       bigserial primary key,
    draft_id text        not null references policy_drafts (id),
    case_id  text        not null,
    at       timestamptz not null,
    diverged boolean     not null,
    live     jsonb       not null,
    shadow   jsonb       not null
);

create index policy_shadow_evaluations_draft on policy_shadow_evaluations (draft_id, id);
