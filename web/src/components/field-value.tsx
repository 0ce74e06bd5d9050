import { Link } from "react-router-dom";
import type { ApiRecord } from "../api-client.ts";
import { formatDate, formatMoney, formatNumber, formatTimestamp } from "../format.ts";
import { enumLabel, type FieldMeta } from "../meta.types.ts";
import { recordPath } from "../urls.ts";
import { useWorkspace } from "../workspace-context.ts";

interface Props {
  field: FieldMeta;
  record: ApiRecord;
  /** Title of the referenced record, when known. */
  refTitle?: string;
}

/** One value of a record, formatted for its kind (money, dates in the workspace time zone, links). */
export function FieldValue({ field, record, refTitle }: Props) {
  const { me, byKey } = useWorkspace();
  const value = record[field.name];
  if (value === null || value === undefined || value === "") return <span className="empty">—</span>;
  switch (field.kind) {
    case "money": {
      const currency =
        typeof record.currency === "string" ? record.currency : me.workspace.reporting_currency;
      return <span className="num">{formatMoney(Number(value), currency)}</span>;
    }
    case "integer":
    case "number":
      return <span className="num">{formatNumber(Number(value))}</span>;
    case "boolean":
      return <span>{value ? "Yes" : "No"}</span>;
    case "date":
      return <time dateTime={String(value)}>{formatDate(String(value))}</time>;
    case "timestamp":
      return <time dateTime={String(value)}>{formatTimestamp(String(value), me.workspace.timezone)}</time>;
    case "enum":
      return <span className="badge">{enumLabel(String(value))}</span>;
    case "email":
      return <a href={`mailto:${value}`}>{String(value)}</a>;
    case "url": {
      const href = /^https?:\/\//i.test(String(value)) ? String(value) : `https://${value}`;
      return (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {String(value)}
        </a>
      );
    }
    case "ref": {
      const target = field.ref ? byKey.get(field.ref) : undefined;
      if (!target) return <code>{String(value)}</code>;
      return (
        <Link to={recordPath(target.path, String(value))} title={String(value)}>
          {refTitle ?? <code>{String(value)}</code>}
        </Link>
      );
    }
    case "json":
      return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
    default:
      return <span>{String(value)}</span>;
  }
}
