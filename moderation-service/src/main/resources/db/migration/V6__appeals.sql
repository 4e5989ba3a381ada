-- Appeals (DSA Art. 20), statements of reasons (Art. 17, 24(5)) and what overturned decisions teach.

-- An appeal decision is a decision about the same case that names the decision it reviewed.
alter table decisions add column appeal_of uuid references decisions (id);
create index decisions_appeal_of on decisions (appeal_of) where appeal_of is not null;

create table appeals (
    id                   uuid primary key,
    decision_id          uuid        not null references decisions (id),
    case_id              uuid        not null references cases (id),
    appellant_id         text        not null,
    appellant_role       text        not null,
    text                 text        not null,
    status               text        not null,
    ineligible_reason    text,
    queue_item_id        uuid references queue_items (id),
    outcome_decision_id  uuid references decisions (id),
    reply                text,
    filed_at             timestamptz not null,
    process_instance_key bigint,
    updated_at           timestamptz not null default now(),
    constraint appeals_status check (status in ('filed', 'ineligible', 'in-review', 'escalated', 'upheld', 'overturned')),
    constraint appeals_appellant_role check (appellant_role in ('author', 'reporter'))
);

-- One open appeal per decision, even when two filings race.
create unique index appeals_one_open_per_decision on appeals (decision_id) where status in ('filed', 'in-review', 'escalated');
create index appeals_appellant on appeals (appellant_id, filed_at desc);
create index appeals_queue_item on appeals (queue_item_id) where queue_item_id is not null;
-- Appeals whose process has not started yet (engine unreachable at filing) are picked up again.
create index appeals_awaiting_process on appeals (filed_at) where process_instance_key is null;

-- Files the appellant attached, extracted with the same Tika limits as content.
create table appeal_attachments (
    id                 uuid primary key,
    appeal_id          uuid        not null references appeals (id),
    position           int         not null,
    file_name          text,
    media_type         text,
    size_bytes         bigint      not null,
    sha256             text        not null,
    body               bytea       not null,
    extracted_text     text,
    extraction_failure text,
    constraint appeal_attachments_position unique (appeal_id, position)
);

-- What happened to an appeal, as the appellant's history shows it. message_id makes an expert's
-- escalation repeatable: the same escalation publishes the same message.
create table appeal_events (
    id         bigserial primary key,
    appeal_id  uuid        not null references appeals (id),
    at         timestamptz not null,
    event      text        not null,
    detail     text,
    actor_id   text,
    message_id uuid unique,
    origin_key bigint,
    -- A retried job records its event once.
    constraint appeal_events_origin unique (appeal_id, event, origin_key)
);
create index appeal_events_appeal on appeal_events (appeal_id, at, id);

-- One statement of reasons per restrictive decision: the DSA Transparency Database fields as JSON
-- (no personal data), with a stable puid so re-submission is safe, and the plain-language summary.
create table statements (
    decision_id uuid primary key references decisions (id),
    puid        text        not null unique,
    case_id     uuid        not null references cases (id),
    author_id   text        not null,
    summary     text        not null,
    fields      jsonb       not null,
    created_at  timestamptz not null default now()
);
create index statements_created on statements (created_at, decision_id);
create index statements_author on statements (author_id, created_at desc);

-- Cases decided wrongly, for classifier retraining and evaluation.
create table training_labels (
    case_id            uuid        not null references cases (id),
    decision_id        uuid        not null references decisions (id),
    label              text        not null,
    original_category  text,
    corrected_category text,
    original_automated boolean     not null,
    created_at         timestamptz not null default now(),
    primary key (decision_id, label)
);

-- Banked hashes that matched content later restored on appeal, for the bank owners to review.
create table hash_reviews (
    id          uuid primary key,
    case_id     uuid        not null references cases (id),
    decision_id uuid        not null references decisions (id),
    bank        text        not null,
    label       text,
    source      text,
    media_part  text        not null,
    distance    int,
    state       text        not null default 'open',
    created_at  timestamptz not null default now(),
    constraint hash_reviews_once unique (decision_id, bank, media_part)
);
