-- Who reported the item (none, user, trusted_flagger, authority): an input of the routing policy.
alter table cases add column reporter_type text not null default 'none';
-- Cases whose triage process has not started yet (engine unreachable at submission) are picked up again.
create index cases_awaiting_triage on cases (created_at) where status = 'received';
