-- Metrics pre-aggregates, part two (src/metrics/rollups.ts): a monthly deals rollup, and
-- incremental refresh — a write marks what it touched (accounts, deals, months) instead of
-- forcing a whole rebuild.

-- Deals opened, won and lost per complete calendar month (workspace time zone) and per
-- account segment and region: once per (month, segment, region) and once more per owner
-- (by_owner), so owner and team slices read the finer rows and everything else the few coarse
-- ones. Amounts are reporting-currency minor units converted on the day of the event, as the
-- live queries do; cycle_days_sum adds the days from opened to won.
create table metric_deal_months (
  workspace_id text not null references workspaces(id) on delete cascade,
  month date not null,
  by_owner boolean not null,
  segment text,
  region text,
  owner_id text,
  won_count bigint not null default 0,
  lost_count bigint not null default 0,
  won_amount numeric not null default 0,
  lost_amount numeric not null default 0,
  cycle_days_sum numeric not null default 0,
  renewals_won bigint not null default 0,
  renewals_lost bigint not null default 0,
  created_count bigint not null default 0,
  created_amount numeric not null default 0
);
create index ix_metric_deal_months on metric_deal_months (workspace_id, by_owner, month);

-- Summaries of the two pre-aggregates of 0005 per month, account segment and region, for
-- reads sliced by those (or not at all): the sums every MRR KPI reads, and the open deals per
-- stage and currency (converted at read, at the month end's rate). Their rows keep the segment
-- and region they were summed under, so a partial rebuild takes back exactly what they added.
alter table metric_mrr_movements add column segment text, add column region text;
alter table metric_open_deals add column segment text, add column region text;
-- A partial rebuild finds the touched accounts' and deals' rows.
create index ix_metric_mrr_movements_account on metric_mrr_movements (workspace_id, account_id);
create index ix_metric_open_deals_opportunity on metric_open_deals (workspace_id, opportunity_id);
create table metric_mrr_months (
  workspace_id text not null references workspaces(id) on delete cascade,
  month date not null,
  segment text,
  region text,
  movements bigint not null,
  start_mrr numeric not null,
  start_mrr_cc numeric not null,
  end_mrr numeric not null,
  customers_start bigint not null,
  customers_end bigint not null,
  new_mrr numeric not null,
  new_customers bigint not null,
  expansion_mrr numeric not null,
  expanded_customers bigint not null,
  contraction_mrr numeric not null,
  contracted_customers bigint not null,
  churned_mrr numeric not null,
  churned_customers bigint not null,
  reactivation_mrr numeric not null,
  reactivated_customers bigint not null
);
create index ix_metric_mrr_months on metric_mrr_months (workspace_id, month);
create table metric_open_deal_months (
  workspace_id text not null references workspaces(id) on delete cascade,
  month date not null,
  segment text,
  region text,
  stage text not null,
  currency text not null,
  deals bigint not null,
  amount_minor numeric,
  -- due to close in that month, and in the next (what pipeline coverage reads at a month's start)
  closing_amount_minor numeric,
  next_closing_amount_minor numeric
);
create index ix_metric_open_deal_months on metric_open_deal_months (workspace_id, month);

-- The current month's deals are read live: find them by when they opened and closed.
create index ix_opportunities_opened_at on opportunities (workspace_id, opened_at);
create index ix_opportunities_closed_at on opportunities (workspace_id, closed_at);

-- What writes touched since a pre-aggregate was last brought up to date: accounts (mrr),
-- opportunities (pipeline) or months 'YYYY-MM-01' (deals). The next read rebuilds only those.
create table metric_rollup_dirty (
  workspace_id text not null references workspaces(id) on delete cascade,
  name text not null,
  item text not null,
  primary key (workspace_id, name, item)
);

-- Each function marks what the statement's rows (`changed`, its transition table) touched.
-- The accounts whose subscriptions changed.
create function metric_rollup_mark_mrr() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'subscriptions' then
    insert into metric_rollup_dirty (workspace_id, name, item)
    select distinct c.workspace_id, 'mrr', c.account_id from changed c
    where exists (select 1 from workspaces w where w.id = c.workspace_id)
    on conflict do nothing;
  else
    insert into metric_rollup_dirty (workspace_id, name, item)
    select distinct s.workspace_id, 'mrr', s.account_id from changed c
    join subscriptions s on s.workspace_id = c.workspace_id and s.id = c.subscription_id
    on conflict do nothing;
  end if;
  return null;
end $$;

-- The deals whose stage history or record changed.
create function metric_rollup_mark_pipeline() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'opportunities' then
    insert into metric_rollup_dirty (workspace_id, name, item)
    select distinct c.workspace_id, 'pipeline', c.id from changed c
    where exists (select 1 from workspaces w where w.id = c.workspace_id)
    on conflict do nothing;
  else
    insert into metric_rollup_dirty (workspace_id, name, item)
    select distinct c.workspace_id, 'pipeline', c.opportunity_id from changed c
    where exists (select 1 from workspaces w where w.id = c.workspace_id)
    on conflict do nothing;
  end if;
  return null;
end $$;

-- The local months of the deals' opened_at and closed_at (their first stage-history row sets the
-- amount a deal was opened at, so history rows mark their deal's opening month).
create function metric_rollup_mark_deals() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'opportunities' then
    insert into metric_rollup_dirty (workspace_id, name, item)
    select distinct c.workspace_id, 'deals', date_trunc('month', t.at at time zone w.timezone)::date::text
    from changed c join workspaces w on w.id = c.workspace_id
    cross join lateral (values (c.opened_at), (c.closed_at)) t(at)
    where t.at is not null
    on conflict do nothing;
  else
    insert into metric_rollup_dirty (workspace_id, name, item)
    select distinct o.workspace_id, 'deals', date_trunc('month', o.opened_at at time zone w.timezone)::date::text
    from changed c join opportunities o on o.workspace_id = c.workspace_id and o.id = c.opportunity_id
    join workspaces w on w.id = o.workspace_id
    on conflict do nothing;
  end if;
  return null;
end $$;

-- An account moving to another segment or region moves its rows in every summary.
create function metric_rollup_mark_account() returns trigger language plpgsql as $$
begin
  insert into metric_rollup_dirty (workspace_id, name, item)
  select distinct n.workspace_id, 'mrr', n.id
  from new_rows n join old_rows p on p.workspace_id = n.workspace_id and p.id = n.id
  where n.segment is distinct from p.segment or n.region is distinct from p.region
  on conflict do nothing;
  insert into metric_rollup_dirty (workspace_id, name, item)
  select distinct o.workspace_id, 'pipeline', o.id
  from new_rows n join old_rows p on p.workspace_id = n.workspace_id and p.id = n.id
  join opportunities o on o.workspace_id = n.workspace_id and o.account_id = n.id
  where n.segment is distinct from p.segment or n.region is distinct from p.region
  on conflict do nothing;
  insert into metric_rollup_dirty (workspace_id, name, item)
  select distinct o.workspace_id, 'deals', date_trunc('month', t.at at time zone w.timezone)::date::text
  from new_rows n join old_rows p on p.workspace_id = n.workspace_id and p.id = n.id
  join opportunities o on o.workspace_id = n.workspace_id and o.account_id = n.id
  join workspaces w on w.id = o.workspace_id
  cross join lateral (values (o.opened_at), (o.closed_at)) t(at)
  where (n.segment is distinct from p.segment or n.region is distinct from p.region) and t.at is not null
  on conflict do nothing;
  return null;
end $$;

-- The statement triggers of 0005 bumped data_version (a whole rebuild) on every write; now only
-- FX rates (which revalue every month) do, and other writes mark what they touched. The deals
-- pre-aggregate needs no FX trigger: its signature carries the fingerprint of the rates it was
-- converted with.
drop trigger tr_subscription_versions_mrr_ins on subscription_versions;
drop trigger tr_subscription_versions_mrr_upd on subscription_versions;
drop trigger tr_subscription_versions_mrr_del on subscription_versions;
drop trigger tr_subscriptions_mrr_upd on subscriptions;
drop trigger tr_subscriptions_mrr_del on subscriptions;
drop trigger tr_opportunity_stage_history_pipeline_ins on opportunity_stage_history;
drop trigger tr_opportunity_stage_history_pipeline_upd on opportunity_stage_history;
drop trigger tr_opportunity_stage_history_pipeline_del on opportunity_stage_history;
drop trigger tr_opportunities_pipeline_upd on opportunities;
drop trigger tr_opportunities_pipeline_del on opportunities;

create trigger tr_subscription_versions_mrr_ins after insert on subscription_versions
  referencing new table as changed for each statement execute function metric_rollup_mark_mrr();
create trigger tr_subscription_versions_mrr_upd after update on subscription_versions
  referencing new table as changed for each statement execute function metric_rollup_mark_mrr();
create trigger tr_subscription_versions_mrr_upd_old after update on subscription_versions
  referencing old table as changed for each statement execute function metric_rollup_mark_mrr();
create trigger tr_subscription_versions_mrr_del after delete on subscription_versions
  referencing old table as changed for each statement execute function metric_rollup_mark_mrr();
create trigger tr_subscriptions_mrr_upd after update on subscriptions
  referencing new table as changed for each statement execute function metric_rollup_mark_mrr();
create trigger tr_subscriptions_mrr_upd_old after update on subscriptions
  referencing old table as changed for each statement execute function metric_rollup_mark_mrr();
create trigger tr_subscriptions_mrr_del after delete on subscriptions
  referencing old table as changed for each statement execute function metric_rollup_mark_mrr();

create trigger tr_opportunity_stage_history_pipeline_ins after insert on opportunity_stage_history
  referencing new table as changed for each statement execute function metric_rollup_mark_pipeline();
create trigger tr_opportunity_stage_history_pipeline_upd after update on opportunity_stage_history
  referencing new table as changed for each statement execute function metric_rollup_mark_pipeline();
create trigger tr_opportunity_stage_history_pipeline_upd_old after update on opportunity_stage_history
  referencing old table as changed for each statement execute function metric_rollup_mark_pipeline();
create trigger tr_opportunity_stage_history_pipeline_del after delete on opportunity_stage_history
  referencing old table as changed for each statement execute function metric_rollup_mark_pipeline();
create trigger tr_opportunities_pipeline_upd after update on opportunities
  referencing new table as changed for each statement execute function metric_rollup_mark_pipeline();
create trigger tr_opportunities_pipeline_del after delete on opportunities
  referencing old table as changed for each statement execute function metric_rollup_mark_pipeline();

create trigger tr_opportunities_deals_ins after insert on opportunities
  referencing new table as changed for each statement execute function metric_rollup_mark_deals();
create trigger tr_opportunities_deals_upd after update on opportunities
  referencing new table as changed for each statement execute function metric_rollup_mark_deals();
create trigger tr_opportunities_deals_upd_old after update on opportunities
  referencing old table as changed for each statement execute function metric_rollup_mark_deals();
create trigger tr_opportunities_deals_del after delete on opportunities
  referencing old table as changed for each statement execute function metric_rollup_mark_deals();
create trigger tr_opportunity_stage_history_deals_ins after insert on opportunity_stage_history
  referencing new table as changed for each statement execute function metric_rollup_mark_deals();
create trigger tr_opportunity_stage_history_deals_upd after update on opportunity_stage_history
  referencing new table as changed for each statement execute function metric_rollup_mark_deals();
create trigger tr_opportunity_stage_history_deals_del after delete on opportunity_stage_history
  referencing old table as changed for each statement execute function metric_rollup_mark_deals();
create trigger tr_accounts_metric_rollups_upd after update on accounts
  referencing old table as old_rows new table as new_rows for each statement execute function metric_rollup_mark_account();

-- Pre-aggregates built before this migration lack the segment and region their summaries need:
-- rebuild them on the next read.
update metric_rollup_state set built_version = null;
