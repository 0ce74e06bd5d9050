-- FX rates and the MRR pre-aggregate (src/metrics/rollups.ts): a rate change used to force a
-- whole rebuild. Amounts convert at the rate in force on their day (the latest of the pair on
-- or before it), so a rate dated D changes nothing before D — unless it is, or was, the pair's
-- earliest rate, which days before every rate of the pair also use. The triggers now record the
-- earliest day a change can move (null: any day) and the read rebuilds only the months from there.
alter table metric_rollup_state add column fx_changed_from date;

create function metric_rollup_fx_touch() returns trigger language plpgsql as $$
begin
  insert into metric_rollup_state as s (workspace_id, name, data_version, fx_changed_from)
  select c.workspace_id, 'mrr', 1,
    case when bool_and(exists (
        select 1 from fx_rates f
        where f.workspace_id = c.workspace_id and f.rate_date < c.rate_date
          and ((f.base_currency = c.base_currency and f.quote_currency = c.quote_currency)
            or (f.base_currency = c.quote_currency and f.quote_currency = c.base_currency))))
      then min(c.rate_date) end
  from changed c
  where exists (select 1 from workspaces w where w.id = c.workspace_id)
  group by c.workspace_id
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
