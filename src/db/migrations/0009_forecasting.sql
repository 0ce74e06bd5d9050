-- Forecasting (src/forecast).
-- Submitted forecast calls: the number a rep or manager commits to for a period and scope
-- (the company, a team or an owner), with who said it and when. The latest per scope is shown
-- beside the model's forecast; earlier ones stay as the record of how the call moved.
create table forecast_calls (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  period_key text not null,
  period_start date not null,
  period_end date not null,
  scope text not null,
  scope_id text,
  amount_minor bigint not null,
  currency text not null,
  note text,
  submitted_by text,
  submitted_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint ck_forecast_calls_scope check (scope in ('company', 'team', 'owner')),
  constraint ck_forecast_calls_scope_id check ((scope = 'company') = (scope_id is null)),
  constraint ck_forecast_calls_period check (period_end >= period_start)
);
create index ix_forecast_calls_period on forecast_calls (workspace_id, period_start, scope, scope_id, submitted_at);

-- Snapshots are found by method when forecasts are scored per method.
create index ix_forecast_snapshots_method on forecast_snapshots (workspace_id, metric, method, period_start, taken_at);
