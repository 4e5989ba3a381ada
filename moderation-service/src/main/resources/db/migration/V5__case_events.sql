-- What people did to a case besides deciding it: escalations, reassignments, SLA escalations. The case
-- history reads it; the audit index gets each event through an outbox, so an Elasticsearch outage loses none.
create table case_events (
    id            uuid primary key,
    case_id       uuid        not null references cases (id),
    queue_item_id uuid references queue_items (id),
    actor_id      text        not null,
    actor_type    text        not null,
    kind          text        not null,
    event         text        not null,
    queue         text,
    note          text,
    at            timestamptz not null default now(),
    audited_at    timestamptz,
    constraint case_events_actor_type check (actor_type in ('automated', 'human'))
);

create index case_events_case on case_events (case_id, at);
create index case_events_unaudited on case_events (at) where audited_at is null;
