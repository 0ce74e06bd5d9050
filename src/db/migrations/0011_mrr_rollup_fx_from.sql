-- FX rates and the MRR and deals pre-aggregates (src/metrics/rollups.ts): a rate change used to
-- force a whole rebuild of both. Amounts convert at the rate in force on their day (the latest of the pair on
-- or before it), so a rate dated D changes nothing before D — unless it is, or was, the pair's
-- earliest rate, which days before every rate of the pair also use. The triggers now record the
-- earliest day a change can move (null: any day) and the read rebuilds only the months from there.
-- The deals pre-aggregate no longer carries the rates' fingerprint in its signature: the months
-- from the changed day are marked touched instead.
alter table metric_rollup_state add column fx_changed_from date;

create function metric_rollup_fx_touch() returns trigger language plpgsql as $$
begin
  with touched as (
    -- Per workspace, the earliest day the statement's rates can move; null: every day (one of
    -- them is, or was, its pair's earliest rate, which the days before it use too).
    select c.workspace_id,
      case when bool_and(exists (
          select 1 from fx_rates f
          where f.workspace_id = c.workspace_id and f.rate_date < c.rate_date
            and ((f.base_currency = c.base_currency and f.quote_currency = c.quote_currency)
              or (f.base_currency = c.quote_currency and f.quote_currency = c.base_currency))))
        then min(c.rate_date) end as changed_from
    from changed c
    where exists (select 1 from workspaces w where w.id = c.workspace_id)
    group by c.workspace_id),
  -- Deals are converted on the day they opened or closed: the months from that day's are
  -- touched; every day moving bumps the data version (a whole rebuild).
  deal_months as (
    insert into metric_rollup_dirty (workspace_id, name, item)
    select t.workspace_id, 'deals', m::date::text
    from touched t
    cross join lateral generate_series(date_trunc('month', t.changed_from),
      date_trunc('month', current_date + 31), interval '1 month') m
    where t.changed_from is not null
    on conflict do nothing),
  deals_whole as (
    insert into metric_rollup_state as s (workspace_id, name, data_version)
    select t.workspace_id, 'deals', 1 from touched t where t.changed_from is null
    on conflict (workspace_id, name) do update set data_version = s.data_version + 1)
  insert into metric_rollup_state as s (workspace_id, name, data_version, fx_changed_from)
  select t.workspace_id, 'mrr', 1, t.changed_from from touched t
  on conflict (workspace_id, name) do update set
    data_version = s.data_version + 1,
    -- Changes already waiting since the last build keep the earlier day; any "every day" wins.
    fx_changed_from = case
      when excluded.fx_changed_from is null then null
      when s.built_version is distinct from s.data_version then
        case when s.fx_changed_from is null then null else least(s.fx_changed_from, excluded.fx_changed_from) end
      else excluded.fx_changed_from end;
  return null;
end $$;

drop trigger tr_fx_rates_mrr_ins on fx_rates;
drop trigger tr_fx_rates_mrr_upd on fx_rates;
drop trigger tr_fx_rates_mrr_del on fx_rates;
create trigger tr_fx_rates_mrr_ins after insert on fx_rates
  referencing new table as changed for each statement execute function metric_rollup_fx_touch();
create trigger tr_fx_rates_mrr_upd after update on fx_rates
  referencing new table as changed for each statement execute function metric_rollup_fx_touch();
create trigger tr_fx_rates_mrr_upd_old after update on fx_rates
  referencing old table as changed for each statement execute function metric_rollup_fx_touch();
create trigger tr_fx_rates_mrr_del after delete on fx_rates
  referencing old table as changed for each statement execute function metric_rollup_fx_touch();
