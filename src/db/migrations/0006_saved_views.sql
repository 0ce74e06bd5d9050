-- Saved views of the web grid (src/views): the filters, columns, sort, grouping and computed
-- columns of one object's list, kept per user or shared with a team or the whole workspace.
-- `visibility` says who sees a view; a team view names its team (which then cannot be deleted
-- while the view is shared with it: nothing disappears silently).
create table saved_views (
  workspace_id text not null references workspaces(id) on delete cascade,
  id text not null,
  object text not null,
  name text not null,
  owner_user_id text not null,
  visibility text not null default 'private',
  shared_with_team_id text,
  definition jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (workspace_id, id),
  constraint ck_saved_views_visibility check (visibility in ('private', 'team', 'workspace')),
  constraint ck_saved_views_team check ((visibility = 'team') = (shared_with_team_id is not null)),
  constraint fk_saved_views_owner_user_id foreign key (workspace_id, owner_user_id)
    references users (workspace_id, id) on delete cascade,
  constraint fk_saved_views_shared_with_team_id foreign key (workspace_id, shared_with_team_id)
    references teams (workspace_id, id)
);
create index ix_saved_views_object on saved_views (workspace_id, object, name);

-- The account 360 timeline (src/views/account-timeline.ts) reads every record of an account
-- and of its contacts; these are the lookups the earlier migrations had no index for.
create index ix_activities_contact on activities (workspace_id, contact_id, occurred_at);
create index ix_tickets_contact on tickets (workspace_id, contact_id, opened_at);
create index ix_payments_account on payments (workspace_id, account_id, attempted_at);
create index ix_refunds_account on refunds (workspace_id, account_id, refunded_at);
create index ix_refunds_payment on refunds (workspace_id, payment_id);
