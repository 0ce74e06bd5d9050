-- Platform tables: workspaces, people and access, audit log, outbox, idempotency keys.
-- Every workspace-owned table leads its primary key with workspace_id: a workspace is the
-- unit of isolation and the distribution key on a distributed Postgres.

create table workspaces (
  id text primary key,
  name text not null,
  slug text not null unique,
  timezone text not null default 'UTC',
  reporting_currency text not null default 'USD',
  settings jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);

create table teams (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  source text not null default 'revline',
  external_id text,
  name text not null,
  kind text not null,
  manager_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_teams_external unique (workspace_id, source, external_id)
);

create table users (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  source text not null default 'revline',
  external_id text,
  email text not null,
  name text not null,
  role text not null,
  team_id text,
  title text,
  is_active boolean not null default true,
  password_hash text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_users_external unique (workspace_id, source, external_id),
  constraint uq_users_email unique (workspace_id, email),
  constraint fk_users_team_id foreign key (workspace_id, team_id) references teams (workspace_id, id)
);
-- Sign-in looks a user up by email before the workspace is known.
create index ix_users_email on users (lower(email));

alter table teams add constraint fk_teams_manager_id
  foreign key (workspace_id, manager_id) references users (workspace_id, id) on delete set null (manager_id);

create table sessions (
  token_hash text primary key,
  workspace_id text not null references workspaces(id) on delete cascade,
  user_id text not null,
  expires_at timestamptz(3) not null,
  created_at timestamptz(3) not null default now(),
  foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
);

create table api_keys (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  name text not null,
  role text not null,
  key_hash text not null unique,
  prefix text not null,
  created_by text,
  last_used_at timestamptz(3),
  revoked_at timestamptz(3),
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, id)
);

create table audit_log (
  workspace_id text not null references workspaces(id) on delete cascade,
  id bigint generated always as identity,
  actor_type text not null,
  actor_id text,
  action text not null,
  object text not null,
  record_id text not null,
  before jsonb,
  after jsonb,
  occurred_at timestamptz(3) not null default now(),
  primary key (workspace_id, id)
);
create index ix_audit_log_record on audit_log (workspace_id, object, record_id, id);

create table outbox_events (
  workspace_id text not null references workspaces(id) on delete cascade,
  id bigint generated always as identity,
  type text not null,
  object text not null,
  record_id text not null,
  payload jsonb not null,
  occurred_at timestamptz(3) not null default now(),
  processed_at timestamptz(3),
  primary key (workspace_id, id)
);
create index ix_outbox_pending on outbox_events (id) where processed_at is null;

create table idempotency_keys (
  workspace_id text not null references workspaces(id) on delete cascade,
  key text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, key)
);
