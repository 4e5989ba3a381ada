-- The case store: what platforms submitted, what the classifiers said, who reviews what, and every decision.
-- Large payloads (content, extracted text, model outputs) live here, never in process variables.

create table cases (
    id                   uuid primary key,
    platform_id          text        not null,
    external_id          text        not null,
    author_id            text        not null,
    surface              text        not null,
    locale               text,
    status               text        not null,
    process_instance_key bigint,
    flags                text[]      not null default '{}',
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    -- A platform resubmitting the same item gets the same case.
    constraint cases_platform_external_id unique (platform_id, external_id)
);

create table content_parts (
    id             uuid primary key,
    case_id        uuid        not null references cases (id),
    position       int         not null,
    kind           text        not null,
    media_type     text,
    file_name      text,
    size_bytes     bigint      not null,
    sha256         text        not null,
    body           bytea,
    extracted_text text,
    metadata       jsonb       not null default '{}',
    created_at     timestamptz not null default now(),
    constraint content_parts_position unique (case_id, position)
);

create table signals (
    case_id        uuid primary key references cases (id),
    language       text,
    scores         jsonb       not null,
    flags          jsonb       not null default '{}',
    matches        jsonb       not null default '[]',
    model_versions jsonb       not null default '{}',
    created_at     timestamptz not null default now()
);

create table queue_items (
    id                 uuid primary key,
    case_id            uuid        not null references cases (id),
    queue              text        not null,
    kind               text        not null,
    language           text,
    priority           int         not null,
    due_at             timestamptz,
    state              text        not null default 'open',
    leased_by          text,
    lease_expires_at   timestamptz,
    excluded_reviewers text[]      not null default '{}',
    blind              boolean     not null default false,
    created_at         timestamptz not null default now(),
    closed_at          timestamptz,
    constraint queue_items_state check (state in ('open', 'leased', 'decided', 'cancelled'))
);

-- claim-next reads open items of one queue by priority, then age.
create index queue_items_claimable on queue_items (queue, priority, created_at) where state in ('open', 'leased');
create index queue_items_case on queue_items (case_id);

create table decisions (
    id             uuid primary key,
    case_id        uuid        not null references cases (id),
    queue_item_id  uuid references queue_items (id),
    actor_id       text        not null,
    actor_type     text        not null,
    action         text        not null,
    category       text,
    reason_code    text,
    note           text,
    policy_version text,
    created_at     timestamptz not null default now(),
    constraint decisions_actor_type check (actor_type in ('automated', 'human'))
);

create index decisions_case on decisions (case_id);
-- One decision per queue item: a double submit of the same review cannot decide twice.
create unique index decisions_queue_item on decisions (queue_item_id) where queue_item_id is not null;
