-- Metrics engine (src/metrics).
-- Forecast snapshots: what a KPI was forecast to be for a period, and when that was said.
-- Forecast accuracy and revenue predictability score them against the KPI's actuals; the
-- forecasting module writes them (until then, anyone with planning access through the API).
create table forecast_snapshots (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  metric text not null,
  scope text not null default 'company',
  period_start date not null,
  period_end date not null,
  forecast_value numeric not null,
  currency text,
  method text,
  taken_at timestamptz(3) not null,
  created_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint ck_forecast_snapshots_period check (period_end >= period_start)
);
create index ix_forecast_snapshots_period on forecast_snapshots (workspace_id, metric, scope, period_start, taken_at);

-- A deal's state at an instant is its latest stage-history row before it (id breaks ties), read
-- once per open deal and instant by open pipeline, coverage and velocity: one index probe each.
create index ix_stage_history_opp_latest on opportunity_stage_history (workspace_id, opportunity_id, changed_at, id);

-- Pre-aggregated MRR movements: for every complete calendar month (workspace time zone) and
-- every account that was a customer at its start or end, the movement the metrics engine
-- computes live (same SQL), so month, quarter and year dashboards read a few rows per account
-- instead of replaying subscription history. Amounts are reporting-currency minor units.
create table metric_mrr_movements (
  workspace_id text not null references workspaces(id) on delete cascade,
  month date not null,
  account_id text not null,
  kind text not null,
  was boolean not null,
  is_now boolean not null,
  start_rep numeric not null,
  start_cc numeric not null,
  end_rep numeric not null,
  primary key (workspace_id, month, account_id)
);

-- Pre-aggregated open pipeline: for every complete month, the deals open at its end as their
-- stage history had them then (stage, amount, currency, close date in force), for open
-- pipeline, coverage and velocity by month.
create table metric_open_deals (
  workspace_id text not null references workspaces(id) on delete cascade,
  month date not null,
  opportunity_id text not null,
  stage text not null,
  amount_minor bigint,
  currency text not null,
  close_date date,
  primary key (workspace_id, month, opportunity_id)
);

-- Freshness of each pre-aggregate: writes to what it reads bump data_version (triggers below);
-- it is rebuilt on the next read when data_version, the settings signature or the last
-- complete month no longer match what it was built from.
create table metric_rollup_state (
  workspace_id text not null references workspaces(id) on delete cascade,
  name text not null,
  data_version bigint not null default 0,
  built_version bigint,
  signature text,
  built_through date,
  built_at timestamptz(3),
  primary key (workspace_id, name)
);

create function metric_rollup_touch() returns trigger language plpgsql as $$
begin
  insert into metric_rollup_state (workspace_id, name, data_version)
  select distinct c.workspace_id, tg_argv[0], 1 from changed c
  where exists (select 1 from workspaces w where w.id = c.workspace_id)
  on conflict (workspace_id, name) do update set data_version = metric_rollup_state.data_version + 1;
  return null;
end $$;

create trigger tr_subscription_versions_mrr_ins after insert on subscription_versions
  referencing new table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_subscription_versions_mrr_upd after update on subscription_versions
  referencing new table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_subscription_versions_mrr_del after delete on subscription_versions
  referencing old table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_subscriptions_mrr_upd after update on subscriptions
  referencing new table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_subscriptions_mrr_del after delete on subscriptions
  referencing old table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_fx_rates_mrr_ins after insert on fx_rates
  referencing new table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_fx_rates_mrr_upd after update on fx_rates
  referencing new table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_fx_rates_mrr_del after delete on fx_rates
  referencing old table as changed for each statement execute function metric_rollup_touch('mrr');
create trigger tr_opportunity_stage_history_pipeline_ins after insert on opportunity_stage_history
  referencing new table as changed for each statement execute function metric_rollup_touch('pipeline');
create trigger tr_opportunity_stage_history_pipeline_upd after update on opportunity_stage_history
  referencing new table as changed for each statement execute function metric_rollup_touch('pipeline');
create trigger tr_opportunity_stage_history_pipeline_del after delete on opportunity_stage_history
  referencing old table as changed for each statement execute function metric_rollup_touch('pipeline');
create trigger tr_opportunities_pipeline_upd after update on opportunities
  referencing new table as changed for each statement execute function metric_rollup_touch('pipeline');
create trigger tr_opportunities_pipeline_del after delete on opportunities
  referencing old table as changed for each statement execute function metric_rollup_touch('pipeline');
