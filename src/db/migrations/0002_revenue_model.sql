-- The unified revenue data model. Conventions:
-- Timestamps keep milliseconds, the precision of JavaScript dates, so keyset cursors compare exactly.
-- * key (workspace_id, id); provenance (source, external_id) unique per workspace and object;
-- * version for optimistic concurrency, created_at / updated_at;
-- * money in integer minor units (bigint) beside a currency code;
-- * references are composite (workspace_id, x_id) so a row can never point into another workspace;
--   foreign keys are named fk_<table>_<column> so errors can name the offending field.

create table partners (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  name text not null,
  kind text not null default 'referral',
  tier text,
  status text not null default 'active',
  domain text,
  owner_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_partners_external unique (workspace_id, source, external_id),
  constraint fk_partners_owner_id foreign key (workspace_id, owner_id) references users (workspace_id, id)
);

create table accounts (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  name text not null,
  domain text,
  website text,
  industry text,
  segment text,
  region text,
  country text,
  employees integer,
  annual_revenue_minor bigint,
  currency text,
  lifecycle_stage text not null default 'lead',
  owner_id text,
  partner_id text,
  parent_account_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_accounts_external unique (workspace_id, source, external_id),
  constraint fk_accounts_owner_id foreign key (workspace_id, owner_id) references users (workspace_id, id),
  constraint fk_accounts_partner_id foreign key (workspace_id, partner_id) references partners (workspace_id, id),
  constraint fk_accounts_parent_account_id foreign key (workspace_id, parent_account_id) references accounts (workspace_id, id)
);
create index ix_accounts_domain on accounts (workspace_id, domain);

create table campaigns (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  name text not null,
  channel text not null,
  status text not null default 'active',
  start_date date,
  end_date date,
  budget_minor bigint,
  spend_minor bigint not null default 0,
  currency text not null,
  owner_id text,
  partner_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_campaigns_external unique (workspace_id, source, external_id),
  constraint fk_campaigns_owner_id foreign key (workspace_id, owner_id) references users (workspace_id, id),
  constraint fk_campaigns_partner_id foreign key (workspace_id, partner_id) references partners (workspace_id, id)
);

create table contacts (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  account_id text,
  first_name text,
  last_name text,
  email text,
  phone text,
  title text,
  country text,
  timezone text,
  lifecycle_stage text not null default 'lead',
  lead_source text,
  original_campaign_id text,
  owner_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_contacts_external unique (workspace_id, source, external_id),
  constraint fk_contacts_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_contacts_original_campaign_id foreign key (workspace_id, original_campaign_id) references campaigns (workspace_id, id),
  constraint fk_contacts_owner_id foreign key (workspace_id, owner_id) references users (workspace_id, id)
);
create index ix_contacts_account on contacts (workspace_id, account_id);
create index ix_contacts_email on contacts (workspace_id, lower(email));

-- Every lifecycle move of a contact or an account, so a customer's journey is one timeline.
create table lifecycle_transitions (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  subject_type text not null,
  subject_id text not null,
  from_stage text,
  to_stage text not null,
  transitioned_at timestamptz(3) not null,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_lifecycle_transitions_external unique (workspace_id, source, external_id)
);
create index ix_lifecycle_subject on lifecycle_transitions (workspace_id, subject_type, subject_id, transitioned_at);

create table costs (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  category text not null,
  campaign_id text,
  description text,
  incurred_on date not null,
  amount_minor bigint not null,
  currency text not null,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_costs_external unique (workspace_id, source, external_id),
  constraint fk_costs_campaign_id foreign key (workspace_id, campaign_id) references campaigns (workspace_id, id)
);
create index ix_costs_date on costs (workspace_id, incurred_on);

create table touchpoints (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  kind text not null,
  occurred_at timestamptz(3) not null,
  contact_id text,
  account_id text,
  campaign_id text,
  url text,
  utm_source text,
  utm_medium text,
  utm_campaign text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_touchpoints_external unique (workspace_id, source, external_id),
  constraint fk_touchpoints_contact_id foreign key (workspace_id, contact_id) references contacts (workspace_id, id),
  constraint fk_touchpoints_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_touchpoints_campaign_id foreign key (workspace_id, campaign_id) references campaigns (workspace_id, id)
);
create index ix_touchpoints_contact on touchpoints (workspace_id, contact_id, occurred_at);
create index ix_touchpoints_account on touchpoints (workspace_id, account_id, occurred_at);

create table opportunities (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  name text not null,
  account_id text,
  primary_contact_id text,
  type text not null default 'new',
  pipeline text not null default 'new_business',
  stage text not null,
  status text not null default 'open',
  amount_minor bigint not null default 0,
  currency text not null,
  close_date date,
  forecast_category text not null default 'pipeline',
  probability integer,
  opened_at timestamptz(3) not null default now(),
  closed_at timestamptz(3),
  loss_reason text,
  next_step text,
  owner_id text,
  source_campaign_id text,
  partner_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_opportunities_external unique (workspace_id, source, external_id),
  constraint fk_opportunities_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_opportunities_primary_contact_id foreign key (workspace_id, primary_contact_id) references contacts (workspace_id, id),
  constraint fk_opportunities_owner_id foreign key (workspace_id, owner_id) references users (workspace_id, id),
  constraint fk_opportunities_source_campaign_id foreign key (workspace_id, source_campaign_id) references campaigns (workspace_id, id),
  constraint fk_opportunities_partner_id foreign key (workspace_id, partner_id) references partners (workspace_id, id)
);
create index ix_opportunities_account on opportunities (workspace_id, account_id);
create index ix_opportunities_stage on opportunities (workspace_id, status, stage);
create index ix_opportunities_close on opportunities (workspace_id, close_date);

-- Every stage, amount, close-date or forecast-category change of an opportunity.
create table opportunity_stage_history (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  opportunity_id text not null,
  from_stage text,
  to_stage text not null,
  amount_minor bigint,
  currency text,
  close_date date,
  forecast_category text,
  changed_at timestamptz(3) not null,
  changed_by text,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_opportunity_stage_history_external unique (workspace_id, source, external_id),
  constraint fk_opportunity_stage_history_opportunity_id foreign key (workspace_id, opportunity_id) references opportunities (workspace_id, id) on delete cascade
);
create index ix_stage_history_opp on opportunity_stage_history (workspace_id, opportunity_id, changed_at);

create table activities (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  kind text not null,
  direction text,
  subject text,
  body text,
  occurred_at timestamptz(3) not null,
  due_at timestamptz(3),
  completed_at timestamptz(3),
  duration_seconds integer,
  outcome text,
  account_id text,
  contact_id text,
  opportunity_id text,
  owner_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_activities_external unique (workspace_id, source, external_id),
  constraint fk_activities_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_activities_contact_id foreign key (workspace_id, contact_id) references contacts (workspace_id, id),
  constraint fk_activities_opportunity_id foreign key (workspace_id, opportunity_id) references opportunities (workspace_id, id),
  constraint fk_activities_owner_id foreign key (workspace_id, owner_id) references users (workspace_id, id)
);
create index ix_activities_account on activities (workspace_id, account_id, occurred_at);
create index ix_activities_opportunity on activities (workspace_id, opportunity_id, occurred_at);

create table tickets (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  subject text not null,
  status text not null default 'new',
  priority text not null default 'normal',
  channel text,
  opened_at timestamptz(3) not null,
  first_response_at timestamptz(3),
  solved_at timestamptz(3),
  satisfaction text,
  account_id text,
  contact_id text,
  assignee_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_tickets_external unique (workspace_id, source, external_id),
  constraint fk_tickets_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_tickets_contact_id foreign key (workspace_id, contact_id) references contacts (workspace_id, id),
  constraint fk_tickets_assignee_id foreign key (workspace_id, assignee_id) references users (workspace_id, id)
);
create index ix_tickets_account on tickets (workspace_id, account_id, opened_at);

create table products (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  name text not null,
  sku text,
  family text,
  is_recurring boolean not null default true,
  active boolean not null default true,
  description text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_products_external unique (workspace_id, source, external_id)
);

create table price_book_entries (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  product_id text not null,
  price_book text not null default 'standard',
  currency text not null,
  unit_amount_minor bigint not null,
  billing_interval text,
  valid_from date,
  valid_to date,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_price_book_entries_external unique (workspace_id, source, external_id),
  constraint fk_price_book_entries_product_id foreign key (workspace_id, product_id) references products (workspace_id, id) on delete cascade
);

create table subscriptions (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  account_id text not null,
  status text not null default 'active',
  currency text not null,
  billing_interval text not null default 'month',
  items jsonb not null default '[]',
  mrr_minor bigint not null default 0,
  started_at timestamptz(3) not null,
  trial_start timestamptz(3),
  trial_end timestamptz(3),
  cancel_at timestamptz(3),
  canceled_at timestamptz(3),
  ended_at timestamptz(3),
  opportunity_id text,
  partner_id text,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_subscriptions_external unique (workspace_id, source, external_id),
  constraint fk_subscriptions_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_subscriptions_opportunity_id foreign key (workspace_id, opportunity_id) references opportunities (workspace_id, id),
  constraint fk_subscriptions_partner_id foreign key (workspace_id, partner_id) references partners (workspace_id, id)
);
create index ix_subscriptions_account on subscriptions (workspace_id, account_id);

-- A subscription's whole history: one row per change of items, quantity, price, interval,
-- currency or status, effective from a date, so MRR on any past date can be recomputed.
create table subscription_versions (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  subscription_id text not null,
  effective_at timestamptz(3) not null,
  status text not null,
  currency text not null,
  billing_interval text not null,
  items jsonb not null,
  mrr_minor bigint not null,
  change_reason text,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_subscription_versions_external unique (workspace_id, source, external_id),
  constraint fk_subscription_versions_subscription_id foreign key (workspace_id, subscription_id) references subscriptions (workspace_id, id) on delete cascade
);
create index ix_subscription_versions_sub on subscription_versions (workspace_id, subscription_id, effective_at);

create table invoices (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  number text,
  account_id text not null,
  subscription_id text,
  status text not null default 'open',
  currency text not null,
  issued_at timestamptz(3) not null,
  due_at timestamptz(3),
  paid_at timestamptz(3),
  subtotal_minor bigint not null default 0,
  tax_minor bigint not null default 0,
  total_minor bigint not null default 0,
  amount_paid_minor bigint not null default 0,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_invoices_external unique (workspace_id, source, external_id),
  constraint fk_invoices_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_invoices_subscription_id foreign key (workspace_id, subscription_id) references subscriptions (workspace_id, id)
);
create index ix_invoices_account on invoices (workspace_id, account_id, issued_at);

create table invoice_lines (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  invoice_id text not null,
  product_id text,
  description text,
  quantity integer not null default 1,
  unit_amount_minor bigint not null,
  amount_minor bigint not null,
  period_start date,
  period_end date,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_invoice_lines_external unique (workspace_id, source, external_id),
  constraint fk_invoice_lines_invoice_id foreign key (workspace_id, invoice_id) references invoices (workspace_id, id) on delete cascade,
  constraint fk_invoice_lines_product_id foreign key (workspace_id, product_id) references products (workspace_id, id)
);
create index ix_invoice_lines_invoice on invoice_lines (workspace_id, invoice_id);

create table payments (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  account_id text not null,
  invoice_id text,
  status text not null,
  amount_minor bigint not null,
  currency text not null,
  method text,
  failure_reason text,
  attempted_at timestamptz(3) not null,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_payments_external unique (workspace_id, source, external_id),
  constraint fk_payments_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id),
  constraint fk_payments_invoice_id foreign key (workspace_id, invoice_id) references invoices (workspace_id, id)
);
create index ix_payments_invoice on payments (workspace_id, invoice_id);

create table refunds (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  payment_id text not null,
  account_id text,
  amount_minor bigint not null,
  currency text not null,
  status text not null default 'succeeded',
  reason text,
  refunded_at timestamptz(3) not null,
  custom jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_refunds_external unique (workspace_id, source, external_id),
  constraint fk_refunds_payment_id foreign key (workspace_id, payment_id) references payments (workspace_id, id),
  constraint fk_refunds_account_id foreign key (workspace_id, account_id) references accounts (workspace_id, id)
);

create table targets (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  kpi text not null,
  period_start date not null,
  period_end date not null,
  value numeric not null,
  currency text,
  team_id text,
  user_id text,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_targets_external unique (workspace_id, source, external_id),
  constraint fk_targets_team_id foreign key (workspace_id, team_id) references teams (workspace_id, id),
  constraint fk_targets_user_id foreign key (workspace_id, user_id) references users (workspace_id, id)
);

-- Dated exchange rates: 1 unit of base_currency = rate units of quote_currency on rate_date.
create table fx_rates (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null, source text not null default 'revline', external_id text,
  base_currency text not null,
  quote_currency text not null,
  rate numeric not null,
  rate_date date not null,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint uq_fx_rates_external unique (workspace_id, source, external_id),
  constraint uq_fx_rates_pair_date unique (workspace_id, base_currency, quote_currency, rate_date)
);
