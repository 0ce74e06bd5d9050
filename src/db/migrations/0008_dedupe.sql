-- Deduplication inside a workspace (src/quality/dedupe) and merges with exact undo
-- (src/quality/merge). A run finds duplicate pairs of one object with the matching engine and
-- stores them grouped in clusters; people review clusters, merge them or say "not a
-- duplicate" (remembered per pair); a merge keeps the full prior state of every row it touched.

create table dedupe_runs (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  object text not null,
  status text not null default 'running',
  dry_run boolean not null default false,
  stage text not null default 'loading',
  rows_total integer not null default 0,
  rows_done integer not null default 0,
  comparisons integer not null default 0,
  pairs integer not null default 0,
  clusters integer not null default 0,
  auto_merged integer not null default 0,
  queued integer not null default 0,
  settings jsonb not null default '{}',
  stats jsonb not null default '{}',
  error text,
  started_by text,
  created_at timestamptz(3) not null default now(),
  finished_at timestamptz(3),
  primary key (workspace_id, id),
  constraint ck_dedupe_runs_object check (object in ('contacts', 'accounts', 'leads')),
  constraint ck_dedupe_runs_status check (status in ('running', 'done', 'failed'))
);
create index ix_dedupe_runs_object on dedupe_runs (workspace_id, object, created_at);

-- A group of records the engine believes are one person or company. `record_ids` in the
-- order shown; `status`: open (review queue), merged, dismissed (not duplicates), superseded
-- (a later run of the same object replaced it).
create table dedupe_clusters (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  run_id text not null,
  object text not null,
  status text not null default 'open',
  record_ids jsonb not null,
  max_probability double precision not null,
  merge_id text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint ck_dedupe_clusters_status check (status in ('open', 'merged', 'dismissed', 'superseded')),
  constraint fk_dedupe_clusters_run_id foreign key (workspace_id, run_id)
    references dedupe_runs (workspace_id, id) on delete cascade
);
create index ix_dedupe_clusters_object on dedupe_clusters (workspace_id, object, status, max_probability);

-- One compared pair: its match probability and the engine's per-field evidence. For object
-- `leads`, left is a contact without an account and right the account its email domain names.
create table dedupe_pairs (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  run_id text not null,
  cluster_id text,
  object text not null,
  left_id text not null,
  right_id text not null,
  probability double precision not null,
  explanation jsonb not null default '{}',
  primary key (workspace_id, id),
  constraint fk_dedupe_pairs_run_id foreign key (workspace_id, run_id)
    references dedupe_runs (workspace_id, id) on delete cascade
);
create index ix_dedupe_pairs_cluster on dedupe_pairs (workspace_id, cluster_id);
create index ix_dedupe_pairs_run on dedupe_pairs (workspace_id, run_id);

-- "Not a duplicate", remembered so later runs never propose the pair again (ids ordered).
create table dedupe_decisions (
  workspace_id text not null references workspaces(id) on delete cascade,
  object text not null,
  left_id text not null,
  right_id text not null,
  decision text not null default 'not_duplicate',
  decided_by text,
  decided_at timestamptz(3) not null default now(),
  primary key (workspace_id, object, left_id, right_id),
  constraint ck_dedupe_decisions_order check (left_id < right_id)
);

-- A merge: the survivor, the records merged into it, the field choices, and the full prior
-- state of every row it touched (`prior_rows`), the versions it left them at
-- (`after_versions`) and the history rows its writes added (`created_rows`), for exact undo.
create table merges (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  object text not null,
  survivor_id text not null,
  merged_ids jsonb not null,
  cluster_id text,
  field_choices jsonb not null default '{}',
  prior_rows jsonb not null,
  after_versions jsonb not null,
  created_rows jsonb not null default '[]',
  status text not null default 'merged',
  automatic boolean not null default false,
  merged_by text,
  merged_at timestamptz(3) not null default now(),
  undone_by text,
  undone_at timestamptz(3),
  primary key (workspace_id, id),
  constraint ck_merges_status check (status in ('merged', 'undone'))
);
create index ix_merges_recent on merges (workspace_id, object, merged_at);

-- The provenance of merged-away records: an import that names a duplicate's (source,
-- external id) later still finds the survivor. Removed again by undo.
create table record_aliases (
  workspace_id text not null references workspaces(id) on delete cascade,
  object text not null,
  source text not null,
  external_id text not null,
  record_id text not null,
  merge_id text not null,
  primary key (workspace_id, object, source, external_id)
);
create index ix_record_aliases_record on record_aliases (workspace_id, object, record_id);
