import { definePreset } from "./define-preset.ts";
import {
  FORECAST_CATEGORIES,
  SALESFORCE_LEAD_STATUS,
  SALESFORCE_OPPORTUNITY_TYPES,
  SALESFORCE_STAGES,
  segmentOf,
} from "./value-maps.ts";
import * as v from "./values.ts";

// Each column goes by its API name (Data Loader export) or its label (report export).
const CURRENCY = { column: ["CurrencyIsoCode", "Currency", "Opportunity Currency"], note: "default USD" };
const stage = (x: unknown) => v.mapped(x, SALESFORCE_STAGES);
const CREATED = ["CreatedDate", "Created Date"];
const STAGE_NOTE =
  "Prospecting, Qualification; Needs Analysis / Value Proposition / Id. Decision Makers → discovery; Perception Analysis / Proposal/Price Quote → proposal; Negotiation/Review → negotiation; Closed Won/Lost";
const percent = (x: unknown) => {
  const p = v.number(x);
  return p === undefined ? undefined : Math.round(p);
};

export const salesforceAccounts = definePreset({
  name: "salesforce-accounts",
  label: "Salesforce Account export (Data Loader or report)",
  source: "salesforce",
  records: [
    {
      object: "accounts",
      key: ["Id", "Account ID"],
      fields: [
        { column: ["Name", "Account Name"], field: "name" },
        { column: "Website", field: "website" },
        {
          column: "Website",
          field: "domain",
          parse: (x) =>
            v
              .text(x)
              ?.toLowerCase()
              .replace(/^https?:\/\//, "")
              .replace(/^www\./, "")
              .replace(/\/.*$/, ""),
          note: "host name of the website",
        },
        { column: "Industry", field: "industry" },
        { column: ["NumberOfEmployees", "Employees"], field: "employees" },
        { column: CURRENCY.column, field: "currency", note: CURRENCY.note },
        {
          column: ["AnnualRevenue", "Annual Revenue"],
          field: "annual_revenue_minor",
          note: "major units → minor units",
        },
        { column: ["BillingCountry", "Billing Country"], field: "country" },
      ],
      refs: [{ column: ["ParentId", "Parent Account ID"], field: "parent_account_id", object: "accounts" }],
      derive(_row, fields) {
        if (fields.annual_revenue_minor !== undefined) fields.currency ??= "USD";
        const segment = segmentOf(fields.employees);
        if (segment) fields.segment = segment;
      },
    },
  ],
});

export const salesforceContacts = definePreset({
  name: "salesforce-contacts",
  label: "Salesforce Contact export",
  source: "salesforce",
  records: [
    {
      object: "contacts",
      key: ["Id", "Contact ID"],
      fields: [
        { column: ["FirstName", "First Name"], field: "first_name" },
        { column: ["LastName", "Last Name"], field: "last_name" },
        { column: "Email", field: "email" },
        { column: ["Phone", "MobilePhone"], field: "phone" },
        { column: "Title", field: "title" },
        { column: ["MailingCountry", "Mailing Country"], field: "country" },
        { column: ["LeadSource", "Lead Source"], field: "lead_source" },
      ],
      refs: [{ column: ["AccountId", "Account ID"], field: "account_id", object: "accounts" }],
      stageDates: { stages: [], created: CREATED },
    },
  ],
});

/** Leads become contacts at the lifecycle stage their status says; the company name is kept in custom. */
export const salesforceLeads = definePreset({
  name: "salesforce-leads",
  label: "Salesforce Lead export",
  source: "salesforce",
  records: [
    {
      object: "contacts",
      key: ["Id", "Lead ID"],
      fields: [
        { column: ["FirstName", "First Name"], field: "first_name" },
        { column: ["LastName", "Last Name"], field: "last_name" },
        { column: "Email", field: "email" },
        { column: "Phone", field: "phone" },
        { column: "Title", field: "title" },
        { column: "Country", field: "country" },
        { column: ["LeadSource", "Lead Source"], field: "lead_source" },
        {
          column: ["Status", "Lead Status"],
          field: "lifecycle_stage",
          parse: (x) => v.oneOf(x, SALESFORCE_LEAD_STATUS, "lead status"),
          note: "Open/Working/Nurturing → lead, Marketing Qualified → mql, Qualified / Closed - Converted → sql, Closed - Not Converted / Unqualified → other",
        },
        {
          column: "Company",
          field: "custom",
          parse: (x) => {
            const company = v.text(x);
            return company ? { company } : undefined;
          },
          note: "custom.company",
        },
      ],
      refs: [{ column: "ConvertedAccountId", field: "account_id", object: "accounts" }],
      // A lead is a lead from its creation; converting it makes it sales-qualified (as its status says).
      stageDates: {
        stages: [
          { column: CREATED, stage: "lead" },
          { column: ["ConvertedDate", "Converted Date"], stage: "sql" },
        ],
      },
    },
  ],
});

export const salesforceOpportunities = definePreset({
  name: "salesforce-opportunities",
  label: "Salesforce Opportunity export",
  source: "salesforce",
  records: [
    {
      object: "opportunities",
      key: ["Id", "Opportunity ID"],
      fields: [
        { column: ["Name", "Opportunity Name"], field: "name" },
        { column: ["StageName", "Stage"], field: "stage", parse: stage, note: STAGE_NOTE },
        { column: CURRENCY.column, field: "currency", note: CURRENCY.note },
        { column: "Amount", field: "amount_minor", note: "major units → minor units" },
        { column: ["CloseDate", "Close Date"], field: "close_date" },
        { column: ["CreatedDate", "Created Date"], field: "opened_at" },
        {
          column: "Type",
          field: "type",
          parse: (x) => v.oneOf(x, SALESFORCE_OPPORTUNITY_TYPES, "opportunity type"),
          note: "New Business/Customer → new, Existing Customer - … → expansion, Renewal",
        },
        { column: ["Probability", "Probability (%)"], field: "probability", parse: percent },
        {
          column: ["ForecastCategoryName", "Forecast Category"],
          field: "forecast_category",
          parse: (x) => v.oneOf(x, FORECAST_CATEGORIES, "forecast category"),
        },
        { column: ["NextStep", "Next Step"], field: "next_step" },
        { column: ["Loss_Reason__c", "Loss Reason"], field: "loss_reason" },
      ],
      refs: [{ column: ["AccountId", "Account ID"], field: "account_id", object: "accounts" }],
      derive(_row, fields) {
        fields.currency ??= "USD";
      },
    },
  ],
});

/** Each OpportunityHistory row is a snapshot of the deal when its stage, amount or date changed. */
export const salesforceOpportunityHistory = definePreset({
  name: "salesforce-opportunity-history",
  label: "Salesforce OpportunityHistory export",
  source: "salesforce",
  records: [
    {
      object: "opportunity_stage_history",
      key: ["Id", "History ID"],
      fields: [
        { column: ["StageName", "Stage"], field: "to_stage", parse: stage, note: STAGE_NOTE },
        { column: CURRENCY.column, field: "currency", note: CURRENCY.note },
        { column: "Amount", field: "amount_minor", note: "major units → minor units" },
        { column: ["CloseDate", "Close Date"], field: "close_date" },
        {
          column: ["ForecastCategory", "Forecast Category"],
          field: "forecast_category",
          parse: (x) => v.oneOf(x, FORECAST_CATEGORIES, "forecast category"),
        },
        { column: ["CreatedDate", "Created Date", "Last Modified"], field: "changed_at" },
        { column: ["CreatedById", "Created By"], field: "changed_by" },
      ],
      refs: [
        { column: ["OpportunityId", "Opportunity ID"], field: "opportunity_id", object: "opportunities" },
      ],
      derive(_row, fields) {
        if (fields.amount_minor !== undefined) fields.currency ??= "USD";
      },
    },
  ],
});
