-- Triage: idempotent enqueueing from jobs, statements of reasons, enforcement deliveries, blind audits.

-- The job that enqueued an item: a retried job finds its item instead of adding a second one. Job keys are
-- unique within one engine cluster only, so the key is scoped to the case (whose process lives on one cluster).
alter table queue_items add column origin_key bigint;
create unique index queue_items_origin on queue_items (case_id, origin_key) where origin_key is not null;

-- A statement of reasons (DSA Art. 17) for each restrictive decision, addressed to the content's author.
create table notices (
    id          uuid primary key,
    case_id     uuid        not null references cases (id),
    decision_id uuid        not null unique references decisions (id),
    recipient   text        not null,
    body        text        not null,
    created_at  timestamptz not null default now()
);

-- Each enforcement webhook the platform acknowledged.
create table enforcements (
    decision_id  uuid primary key references decisions (id),
    case_id      uuid        not null references cases (id),
    platform_id  text        not null,
    action       text        not null,
    status_code  int         not null,
    delivered_at timestamptz not null default now()
);

-- What a blind auditor decided on an automatic decision, without seeing it: agreement is measured from here.
create table blind_audits (
    queue_item_id       uuid primary key references queue_items (id),
    case_id             uuid        not null references cases (id),
    automatic_decision  uuid        not null references decisions (id),
    auditor_decision    uuid references decisions (id),
    agrees              boolean,
    created_at          timestamptz not null default now()
);
