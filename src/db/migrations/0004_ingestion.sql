-- Ingestion and sync (src/ingest): provenance, imports with checkpoints, quarantine, durable
-- jobs, references waiting for their target, webhook secrets and replay protection.

-- Provenance on every object table, beside (source, external_id):
-- * raw: the source row (or webhook record) that last wrote the record, as {column: value};
-- * field_sources: per field whose value did not come from the record's own source at creation,
--   {"email": {"source": "revline", "at": "…", "losing": {"hubspot": {"value": "…", "at": "…"}}}}.
--   A field absent from it holds the value its record's `source` gave at `created_at`.
-- Both nullable without a default, so adding them rewrites nothing and set-based loaders that
-- name their columns are unaffected.
alter table teams add column raw jsonb, add column field_sources jsonb;
alter table users add column raw jsonb, add column field_sources jsonb;
alter table partners add column raw jsonb, add column field_sources jsonb;
alter table accounts add column raw jsonb, add column field_sources jsonb;
alter table campaigns add column raw jsonb, add column field_sources jsonb;
alter table contacts add column raw jsonb, add column field_sources jsonb;
alter table lifecycle_transitions add column raw jsonb, add column field_sources jsonb;
alter table costs add column raw jsonb, add column field_sources jsonb;
alter table touchpoints add column raw jsonb, add column field_sources jsonb;
alter table opportunities add column raw jsonb, add column field_sources jsonb;
alter table opportunity_stage_history add column raw jsonb, add column field_sources jsonb;
alter table activities add column raw jsonb, add column field_sources jsonb;
alter table tickets add column raw jsonb, add column field_sources jsonb;
alter table products add column raw jsonb, add column field_sources jsonb;
alter table price_book_entries add column raw jsonb, add column field_sources jsonb;
alter table subscriptions add column raw jsonb, add column field_sources jsonb;
alter table subscription_versions add column raw jsonb, add column field_sources jsonb;
alter table invoices add column raw jsonb, add column field_sources jsonb;
alter table invoice_lines add column raw jsonb, add column field_sources jsonb;
alter table payments add column raw jsonb, add column field_sources jsonb;
alter table refunds add column raw jsonb, add column field_sources jsonb;
alter table targets add column raw jsonb, add column field_sources jsonb;
alter table fx_rates add column raw jsonb, add column field_sources jsonb;

create table imports (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  preset text not null,
  source text not null,
  format text not null,
  file_name text not null,
  file_path text not null,
  file_sha256 text not null,
  file_size bigint not null,
  options jsonb not null default '{}',
  columns jsonb,
  status text not null default 'queued',
  -- Checkpoint, written in the transaction of each batch: the last committed row and the byte
  -- offset just after it, so a resumed import neither repeats nor skips a row.
  rows_done bigint not null default 0,
  bytes_done bigint not null default 0,
  created bigint not null default 0,
  updated bigint not null default 0,
  unchanged bigint not null default 0,
  rejected bigint not null default 0,
  deferred bigint not null default 0,
  resolved bigint not null default 0,
  error text,
  created_by text,
  created_at timestamptz(3) not null default now(),
  started_at timestamptz(3),
  finished_at timestamptz(3),
  updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint ck_imports_status check (status in ('queued', 'running', 'completed', 'failed', 'canceled'))
);
create index ix_imports_list on imports (workspace_id, created_at, id);

-- Quarantine: every row that could not be imported, with why; downloadable as rejected.csv.
create table import_rejections (
  workspace_id text not null,
  import_id text not null,
  row_number bigint not null,
  field text,
  column_name text,
  reason text not null,
  details jsonb not null default '[]',
  raw jsonb not null,
  primary key (workspace_id, import_id, row_number),
  constraint fk_import_rejections_import_id foreign key (workspace_id, import_id)
    references imports (workspace_id, id) on delete cascade
);

-- Durable jobs, claimed with FOR UPDATE SKIP LOCKED; a job whose lease ran out (its process
-- died) is claimed again and resumes from its checkpoint.
create table jobs (
  workspace_id text not null references workspaces(id) on delete cascade,
  id bigint generated always as identity,
  kind text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued',
  attempts integer not null default 0,
  locked_by text,
  locked_until timestamptz(3),
  last_error text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint ck_jobs_status check (status in ('queued', 'running', 'done', 'failed'))
);
create index ix_jobs_ready on jobs (status, locked_until, id) where status in ('queued', 'running');

-- References whose target has not arrived yet (a contact file before the company file). An
-- optional reference: the record exists and `record_id.field` is filled in when the target is
-- written. A required one: the whole mapped record waits in `record` and is written then.
-- target_source null: target_key is a Revline id rather than an external id.
create table pending_references (
  workspace_id text not null references workspaces(id) on delete cascade,
  id bigint generated always as identity,
  object text not null,
  record_id text,
  field text not null,
  target_object text not null,
  target_source text,
  target_key text not null,
  record_source text,
  record_external_id text,
  record jsonb,
  import_id text,
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, id)
);
create unique index uq_pending_references_field on pending_references (workspace_id, object, record_id, field)
  where record_id is not null;
create unique index uq_pending_references_record on pending_references (workspace_id, object, record_source, record_external_id)
  where record is not null;
create index ix_pending_references_target on pending_references (workspace_id, target_object, target_key);

-- One signing secret per workspace and source; the previous one stays valid for a grace period
-- after a rotation so senders can switch without losing events.
create table webhook_secrets (
  workspace_id text not null references workspaces(id) on delete cascade,
  source text not null,
  secret text not null,
  previous_secret text,
  previous_valid_until timestamptz(3),
  created_at timestamptz(3) not null default now(),
  rotated_at timestamptz(3),
  primary key (workspace_id, source)
);

-- Every accepted webhook event, keyed by the sender's event id: a replay is answered from here.
create table webhook_events (
  workspace_id text not null references workspaces(id) on delete cascade,
  source text not null,
  event_id text not null,
  type text,
  result jsonb not null,
  received_at timestamptz(3) not null default now(),
  primary key (workspace_id, source, event_id)
);
