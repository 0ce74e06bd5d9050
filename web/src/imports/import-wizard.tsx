import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { formatNumber } from "../format.ts";
import { canWrite, useWorkspace } from "../workspace-context.ts";
import { type CsvPreview, previewFile, WORKBOOK } from "./csv-preview.ts";
import { guessTargets, mappingOf, targetOptions } from "./generic-mapping.ts";
import { howRead } from "./how-read.ts";
import { type DateOrder, type DryRunReport, importsApi, type PresetInfo } from "./imports-api.ts";
import { stageJourney } from "./stage-journey.ts";

/**
 * Upload → preset → (generic: map columns) → preview (a dry run: nothing written) → start.
 * Starting sends the same file and mapping again and opens the import's progress page.
 */
export function ImportWizard() {
  const navigate = useNavigate();
  const { objects, me } = useWorkspace();
  const ids = useId();
  const presets = useQuery({ queryKey: ["imports", "presets"], queryFn: importsApi.presets });
  const writable = useMemo(() => objects.filter((o) => canWrite(me, o)), [objects, me]);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [presetName, setPresetName] = useState("");
  const [objectKey, setObjectKey] = useState("contacts");
  const [source, setSource] = useState("");
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [dateOrder, setDateOrder] = useState<DateOrder | "">("");

  const preset = presets.data?.find((p) => p.name === presetName);
  const generic = presetName === "generic";
  const object = writable.find((o) => o.key === objectKey) ?? writable[0];
  const mapping = generic && object ? mappingOf(object.key, source, targets) : undefined;

  const dryRun = useMutation({
    mutationFn: () =>
      importsApi.dryRun({ file: file!, preset: presetName, mapping, dateOrder: dateOrder || undefined }),
  });
  const start = useMutation({
    mutationFn: () =>
      importsApi.start({ file: file!, preset: presetName, mapping, dateOrder: dateOrder || undefined }),
    onSuccess: (started) => navigate(`/imports/${started.id}`),
  });

  const chooseFile = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setPreviewError(null);
    dryRun.reset();
    start.reset();
    if (!chosen) return;
    try {
      const read = await previewFile(chosen);
      setPreview(read);
      if (object) setTargets(guessTargets(read.columns, object));
    } catch (error) {
      setPreviewError(
        (error as Error).message === WORKBOOK
          ? WORKBOOK
          : "The start of this file could not be read as CSV or JSON lines.",
      );
    }
  };
  const chooseObject = (key: string) => {
    setObjectKey(key);
    dryRun.reset();
    const next = writable.find((o) => o.key === key);
    if (next && preview) setTargets(guessTargets(preview.columns, next));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    dryRun.mutate();
  };

  if (presets.error) return <ErrorNotice error={presets.error} />;
  if (!presets.data) return <Loading label="Loading presets…" />;

  return (
    <form className="card import-wizard" onSubmit={submit} aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>New import</h2>
      <ol className="import-steps">
        <li>
          <div className="field import-step-field">
            <label htmlFor={`${ids}-file`}>File (CSV or JSON lines)</label>
            <input
              id={`${ids}-file`}
              type="file"
              accept=".csv,.tsv,.txt,.jsonl,.ndjson,.json,text/csv"
              onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
            />
            {file && (
              <span className="hint">
                {file.name} · {formatNumber(file.size)} bytes
              </span>
            )}
            {previewError && <span className="field-error">{previewError}</span>}
          </div>
        </li>
        <li>
          <div className="field import-step-field">
            <label htmlFor={`${ids}-preset`}>Preset (the tool the file was exported from)</label>
            <select
              id={`${ids}-preset`}
              value={presetName}
              onChange={(e) => {
                setPresetName(e.target.value);
                dryRun.reset();
              }}
              required
            >
              <option value="">Choose…</option>
              {presets.data.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.label} ({p.name})
                </option>
              ))}
            </select>
          </div>
          <div className="field import-step-field">
            <label htmlFor={`${ids}-date-order`}>Dates like 03/04/2026</label>
            <select
              id={`${ids}-date-order`}
              value={dateOrder}
              onChange={(e) => {
                setDateOrder(e.target.value as DateOrder | "");
                dryRun.reset();
              }}
            >
              <option value="">As the file's own dates show (else month first)</option>
              <option value="mdy">Month first: March 4</option>
              <option value="dmy">Day first: 3 April</option>
            </select>
          </div>
          {preset && !generic && <PresetMapping preset={preset} />}
          {generic && (
            <div className="import-generic">
              <div className="field">
                <label htmlFor={`${ids}-object`}>Import into</label>
                <select
                  id={`${ids}-object`}
                  value={object?.key ?? ""}
                  onChange={(e) => chooseObject(e.target.value)}
                >
                  {writable.map((o) => (
                    <option key={o.key} value={o.key}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${ids}-source`}>Source name</label>
                <input
                  id={`${ids}-source`}
                  value={source}
                  placeholder="import"
                  onChange={(e) => setSource(e.target.value)}
                />
                <span className="hint">
                  Records are matched on this source and their key: re-importing updates them.
                </span>
              </div>
            </div>
          )}
        </li>
        {preview && (
          <li>
            <FilePreview
              preview={preview}
              targets={generic ? targets : undefined}
              options={generic && object ? targetOptions(object) : []}
              onTarget={(column, target) => {
                setTargets((t) => ({ ...t, [column]: target }));
                dryRun.reset();
              }}
            />
          </li>
        )}
      </ol>
      <div className="form-actions">
        <button type="submit" className="button" disabled={!file || !presetName || dryRun.isPending}>
          {dryRun.isPending ? "Checking…" : "Preview the import"}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!file || !presetName || start.isPending}
          onClick={() => start.mutate()}
        >
          {start.isPending ? "Uploading…" : "Start import"}
        </button>
      </div>
      {dryRun.error && <ErrorNotice error={dryRun.error} />}
      {start.error && <ErrorNotice error={start.error} />}
      {dryRun.data && <DryRunResult report={dryRun.data} />}
    </form>
  );
}

function PresetMapping({ preset }: { preset: PresetInfo }) {
  return (
    <details className="import-mapping" open>
      <summary>
        How {preset.label} maps into Revline ({preset.columns.length} columns)
      </summary>
      <div className="table-wrap">
        <table className="records">
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Revline field</th>
            </tr>
          </thead>
          <tbody>
            {preset.columns.map((c) => (
              <tr key={`${c.column}-${c.field}`}>
                <td>{c.column}</td>
                <td className="mono">
                  {c.field}
                  {c.note && <span className="hint"> — {c.note}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function FilePreview({
  preview,
  targets,
  options,
  onTarget,
}: {
  preview: CsvPreview;
  targets?: Record<string, string>;
  options: Array<{ value: string; label: string }>;
  onTarget: (column: string, target: string) => void;
}) {
  return (
    <section aria-label="First rows of the file">
      <h3 className="import-subtitle">
        First rows of the file{targets ? " — choose what each column becomes" : ""}
      </h3>
      <div className="table-wrap">
        <table className="records import-preview">
          <thead>
            <tr>
              {preview.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                  {targets && (
                    <select
                      aria-label={`Column ${c} becomes`}
                      value={targets[c] ?? ""}
                      onChange={(e) => onTarget(c, e.target.value)}
                    >
                      {options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a file have no other identity
              <tr key={i}>
                {preview.columns.map((c, j) => (
                  <td key={c}>{row[j] ?? ""}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DryRunResult({ report }: { report: DryRunReport }) {
  return (
    <section className="import-dry-run" aria-label="Preview of the import">
      <h3 className="import-subtitle">Preview — nothing written yet</h3>
      <p>
        {formatNumber(report.rows)} rows: <strong>{formatNumber(report.valid_rows)} ready</strong>,{" "}
        <strong>{formatNumber(report.rejected_rows)} would be rejected</strong>. Source:{" "}
        <span className="mono">{report.source}</span>.
      </p>
      <p className="hint">{howRead(report.file)}</p>
      {report.columns.unmapped.length > 0 && (
        <p className="hint">Columns not imported: {report.columns.unmapped.join(", ")}</p>
      )}
      {report.columns.missing.length > 0 && (
        <p className="hint">Columns of this export not in the file: {report.columns.missing.join(", ")}</p>
      )}
      {report.problems.length > 0 && (
        <div className="table-wrap">
          <table className="records">
            <caption className="import-caption">First problems</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several problems
                <tr key={i}>
                  <td className="num">{p.row}</td>
                  <td>{p.column ?? p.field ?? ""}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.sample.length > 0 && (
        <div className="table-wrap">
          <table className="records">
            <caption className="import-caption">First records as Revline will hold them</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Object</th>
                <th scope="col">Key</th>
                <th scope="col">Fields</th>
              </tr>
            </thead>
            <tbody>
              {report.sample.map((s) => (
                <tr key={`${s.row}-${s.object}`}>
                  <td className="num">{s.row}</td>
                  <td>{s.object}</td>
                  <td className="mono">{s.external_id ?? ""}</td>
                  <td className="import-fields">
                    <div>
                      {Object.entries({ ...s.fields, ...s.references })
                        .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
                        .join(" · ")}
                    </div>
                    {stageJourney(s.stage_dates) && (
                      <div className="import-journey">lifecycle: {stageJourney(s.stage_dates)}</div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
