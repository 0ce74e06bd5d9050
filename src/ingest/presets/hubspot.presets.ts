import { definePreset } from "./define-preset.ts";
import {
  FORECAST_CATEGORIES,
  HUBSPOT_DEAL_STAGES,
  HUBSPOT_DEAL_TYPES,
  HUBSPOT_LIFECYCLE,
  segmentOf,
} from "./value-maps.ts";
import * as v from "./values.ts";

const COMPANY_IDS = ["Associated Company IDs (Primary)", "Associated Company IDs", "Associated Company ID"];
const lifecycle = (value: unknown) => v.oneOf(value, HUBSPOT_LIFECYCLE, "lifecycle stage");

/** HubSpot's "Became a … Date" properties (contacts and companies) and "Create Date": they date the lifecycle history. */
const STAGE_DATES = {
  stages: [
    { column: "Became a Subscriber Date", stage: "subscriber" as const },
    { column: "Became a Lead Date", stage: "lead" as const },
    { column: "Became a Marketing Qualified Lead Date", stage: "mql" as const },
    { column: "Became a Sales Qualified Lead Date", stage: "sql" as const },
    { column: "Became an Opportunity Date", stage: "opportunity" as const },
    { column: "Became a Customer Date", stage: "customer" as const },
    { column: "Became an Evangelist Date", stage: "evangelist" as const },
    { column: ["Became an Other Lifecycle Date", "Became a Other Lifecycle Date"], stage: "other" as const },
  ],
  created: "Create Date",
};

/** HubSpot → Contacts → Export (all properties or a view), CSV. */
export const hubspotContacts = definePreset({
  name: "hubspot-contacts",
  label: "HubSpot contacts export",
  source: "hubspot",
  records: [
    {
      object: "contacts",
      key: "Record ID",
      fields: [
        { column: "First Name", field: "first_name" },
        { column: "Last Name", field: "last_name" },
        { column: "Email", field: "email" },
        { column: ["Phone Number", "Mobile Phone Number"], field: "phone" },
        { column: "Job Title", field: "title" },
        { column: ["Country/Region", "Country"], field: "country" },
        { column: "Time Zone", field: "timezone" },
        {
          column: "Lifecycle Stage",
          field: "lifecycle_stage",
          parse: lifecycle,
          note: "Subscriber, Lead, Marketing Qualified Lead → mql, Sales Qualified Lead → sql, Opportunity, Customer, Evangelist, Other",
        },
        { column: ["Original Source", "Original Traffic Source"], field: "lead_source" },
      ],
      refs: [{ column: COMPANY_IDS, field: "account_id", object: "accounts", list: true }],
      stageDates: STAGE_DATES,
    },
  ],
});

/** HubSpot → Companies → Export, CSV. Amounts are in the portal currency (USD unless a Currency column says otherwise). */
export const hubspotCompanies = definePreset({
  name: "hubspot-companies",
  label: "HubSpot companies export",
  source: "hubspot",
  records: [
    {
      object: "accounts",
      key: "Record ID",
      fields: [
        { column: ["Company name", "Name"], field: "name" },
        {
          column: ["Company Domain Name", "Domain"],
          field: "domain",
          parse: (x) => v.text(x)?.toLowerCase(),
        },
        { column: "Website URL", field: "website" },
        { column: "Industry", field: "industry" },
        { column: "Number of Employees", field: "employees" },
        { column: ["Currency", "Company currency code"], field: "currency", note: "default USD" },
        { column: "Annual Revenue", field: "annual_revenue_minor", note: "major units → minor units" },
        { column: ["Country/Region", "Country"], field: "country" },
        { column: "Lifecycle Stage", field: "lifecycle_stage", parse: lifecycle },
      ],
      refs: [{ column: "Parent Company ID", field: "parent_account_id", object: "accounts" }],
      stageDates: STAGE_DATES,
      derive(_row, fields) {
        if (fields.annual_revenue_minor !== undefined) fields.currency ??= "USD";
        fields.segment = segmentOf(fields.employees);
        if (fields.segment === undefined) delete fields.segment;
      },
    },
  ],
  notes: [
    {
      column: "Number of Employees",
      field: "accounts.segment",
      note: "< 200 smb, < 1000 mid_market, else enterprise",
    },
  ],
});

/** HubSpot → Deals → Export, CSV (default sales pipeline stages mapped; custom stages kept as their slug). */
export const hubspotDeals = definePreset({
  name: "hubspot-deals",
  label: "HubSpot deals export",
  source: "hubspot",
  records: [
    {
      object: "opportunities",
      key: "Record ID",
      fields: [
        { column: "Deal Name", field: "name" },
        {
          column: "Deal Stage",
          field: "stage",
          parse: (x) => v.mapped(x, HUBSPOT_DEAL_STAGES),
          note: "Appointment Scheduled → prospecting, Qualified To Buy → qualification, Presentation Scheduled → discovery, Decision Maker Bought-In → proposal, Contract Sent → negotiation, Closed Won/Lost → closed_won/closed_lost",
        },
        {
          column: "Pipeline",
          field: "pipeline",
          parse: (x) => v.mapped(x, { sales_pipeline: "new_business" }),
        },
        { column: ["Deal currency code", "Currency"], field: "currency", note: "default USD" },
        { column: "Amount", field: "amount_minor", note: "major units → minor units" },
        { column: "Close Date", field: "close_date" },
        { column: "Create Date", field: "opened_at" },
        {
          column: "Deal Type",
          field: "type",
          parse: (x) => v.oneOf(x, HUBSPOT_DEAL_TYPES, "deal type"),
          note: "New Business → new, Existing Business → expansion, Renewal",
        },
        {
          column: "Forecast category",
          field: "forecast_category",
          parse: (x) => v.oneOf(x, FORECAST_CATEGORIES, "forecast category"),
        },
        {
          column: "Deal probability",
          field: "probability",
          parse: (x) => {
            const p = v.number(x);
            return p === undefined ? undefined : Math.round(p <= 1 ? p * 100 : p);
          },
          note: "0–1 or 0–100 → percent",
        },
        { column: "Closed Lost Reason", field: "loss_reason" },
        { column: "Next step", field: "next_step" },
      ],
      refs: [
        { column: COMPANY_IDS, field: "account_id", object: "accounts", list: true },
        {
          column: ["Associated Contact IDs (Primary)", "Associated Contact IDs"],
          field: "primary_contact_id",
          object: "contacts",
          list: true,
        },
      ],
      derive(_row, fields) {
        fields.currency ??= "USD";
      },
    },
  ],
});
