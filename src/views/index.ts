/**
 * How people look at the shared data: saved views of the grid (filters, columns, sort,
 * grouping, computed columns), group totals, global search, and an account's 360 (timeline
 * and summary). The formula language of computed columns is in ./formula (pure, also used by
 * the web app).
 */
export { type AccountSummary, accountSummary } from "./account-summary.ts";
export {
  accountTimeline,
  MAX_TIMELINE_PAGE,
  type TimelinePage,
  type TimelineQuery,
} from "./account-timeline.ts";
export { globalSearch, MIN_QUERY, type SearchGroup } from "./global-search.ts";
export { type GroupTotalsQuery, groupTotals, MAX_GROUPS } from "./group-totals.ts";
export { createView, deleteView, updateView } from "./saved-view-writes.ts";
export { getView, listViews, type SavedView, VISIBILITIES } from "./saved-views.ts";
export { TIMELINE_TEAMS, type TimelineEvent, type TimelineTeam } from "./timeline-events.ts";
export { COMPUTED_FORMATS, FILTER_OPS, type ViewDefinition } from "./view-definition.ts";
