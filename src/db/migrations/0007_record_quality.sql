-- Data quality scores (src/quality/validation): one row per scored record, computed from the
-- record (and a contact's account) by the rules of RULES_VERSION. `stamp` is the record's
-- updated_at (a contact's: the later of its own and its account's) when it was scored, so a
-- read rescores only records written since; writes themselves never touch this table.
create table record_quality (
  workspace_id text not null references workspaces(id) on delete cascade,
  object text not null,
  record_id text not null,
  score integer not null,
  reasons jsonb not null default '[]',
  rules_version integer not null,
  stamp timestamptz(3) not null,
  checked_at timestamptz(3) not null default now(),
  primary key (workspace_id, object, record_id),
  constraint ck_record_quality_score check (score between 0 and 100)
);
create index ix_record_quality_worst on record_quality (workspace_id, object, score, record_id);
create index ix_record_quality_reasons on record_quality using gin (reasons jsonb_path_ops);
