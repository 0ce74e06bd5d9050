import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client.ts";
import { toFormValues, toRequestBody } from "./form-values.ts";
import type { FieldMeta } from "./meta.types.ts";

const field = (name: string, kind: FieldMeta["kind"], extra: Partial<FieldMeta> = {}): FieldMeta => ({
  name,
  kind,
  required: false,
  readOnly: false,
  immutable: false,
  ...extra,
});

const fields = [
  field("name", "text", { required: true }),
  field("amount_minor", "money"),
  field("currency", "currency"),
  field("employees", "integer"),
  field("is_active", "boolean"),
  field("opened_at", "timestamp"),
  field("mrr_minor", "money", { readOnly: true }),
  field("source_key", "text", { immutable: true }),
  field("custom", "json"),
];
const ctx = { timeZone: "Europe/Berlin", defaultCurrency: "USD" };

describe("a new record", () => {
  it("converts inputs to API values and leaves out empty ones", () => {
    const values = {
      ...toFormValues(fields, undefined, ctx),
      name: " Initech ",
      amount_minor: "2500.50",
      currency: "usd",
      opened_at: "2026-07-01T09:30",
    };
    expect(toRequestBody(fields, values, ctx)).toEqual({
      body: {
        name: "Initech",
        amount_minor: 250050,
        currency: "usd",
        is_active: false,
        opened_at: "2026-07-01T07:30:00.000Z",
      },
      errors: {},
    });
  });

  it("uses the minor digits of the record's currency", () => {
    const values = { name: "x", amount_minor: "1000", currency: "JPY" };
    expect(toRequestBody(fields, values, ctx).body.amount_minor).toBe(1000);
    expect(
      toRequestBody(fields, { ...values, currency: "KWD", amount_minor: "1.234" }, ctx).body.amount_minor,
    ).toBe(1234);
  });

  it("names the inputs it cannot read", () => {
    const values = { name: "x", employees: "many", custom: "{oops" };
    expect(toRequestBody(fields, values, ctx).errors).toEqual({
      employees: "must be a number",
      custom: "must be valid JSON",
    });
  });
});

describe("an edited record", () => {
  const original = {
    id: "acc_1",
    version: 3,
    name: "Acme",
    amount_minor: 1999,
    currency: "EUR",
    employees: 12,
    is_active: true,
    opened_at: "2026-01-15T08:00:00.000Z",
    mrr_minor: 100,
    source_key: "k",
    custom: { tier: 1 },
  };

  it("shows amounts in major units and times in the workspace zone", () => {
    const values = toFormValues(fields, original, ctx);
    expect(values.amount_minor).toBe("19.99");
    expect(values.opened_at).toBe("2026-01-15T09:00");
    expect(values).not.toHaveProperty("mrr_minor");
  });

  it("sends only what changed, and null for a cleared input", () => {
    const values = { ...toFormValues(fields, original, ctx), employees: "", name: "Acme Inc" };
    expect(toRequestBody(fields, values, ctx, original)).toEqual({
      body: { name: "Acme Inc", employees: null },
      errors: {},
    });
  });

  it("resends amounts when the currency changes", () => {
    const values = { ...toFormValues(fields, original, ctx), currency: "JPY" };
    expect(toRequestBody(fields, values, ctx, original).body).toEqual({ currency: "JPY", amount_minor: 20 });
  });

  it("never sends immutable fields", () => {
    const values = { ...toFormValues(fields, original, ctx), source_key: "other" };
    expect(toRequestBody(fields, values, ctx, original).body).toEqual({});
  });
});

describe("API errors", () => {
  it("maps details to fields without repeating the field name", () => {
    const error = new ApiError(422, {
      code: "validation_failed",
      message: "currency: must be an ISO 4217 currency code; name: is required",
      field: "currency",
      details: [
        { field: "currency", message: "currency: must be an ISO 4217 currency code" },
        { field: "name", message: "name: is required" },
      ],
    });
    expect(error.fieldErrors()).toEqual({
      currency: "must be an ISO 4217 currency code",
      name: "is required",
    });
  });
});
