import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { formatDate } from "../format.ts";
import { useTitle } from "../use-title.ts";
import { useWorkspace } from "../workspace-context.ts";
import { ArrBridgePanel } from "./arr-bridge-panel.tsx";
import type {
  Accuracy,
  Backtest,
  DealList,
  GroupAccuracy,
  ModelInfo,
  PeriodForecast,
  SeriesForecast,
} from "./forecast.types.ts";
import { AccuracyChart, ReliabilityChart, SeriesChart } from "./forecast-charts.tsx";
import { factorText, METHOD_LABELS, modelRecipe, money, percent, quarterKeys } from "./forecast-format.ts";
import "./forecast.css";

const BY = [
  { value: "company", label: "Company" },
  { value: "team", label: "Team" },
  { value: "owner", label: "Owner" },
];

/**
 * Forecast: a quarter's bookings by company, team or owner with every method side by side and
 * the submitted calls; open deals with their win probability and why; how calibrated the model
 * is; forecasts against what happened; and ARR months ahead.
 */
export function ForecastPage() {
  useTitle("Forecast");
  const { me } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: me.workspace.timezone }).format(new Date());
  const quarters = quarterKeys(today, 3);
  const period = params.get("period") ?? quarters[0];
  const by = params.get("by") ?? "owner";
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next);
  };

  const forecast = useQuery({
    queryKey: ["forecast", period, by],
    queryFn: () => api.get<PeriodForecast>(listUrl("forecast", { period, by })),
  });

  return (
    <div className="page forecast-page">
      <header className="page-header">
        <div>
          <h1>Forecast</h1>
          <p className="muted">
            Bookings (new, expansion and renewal deals won) for the quarter: what is closed, what each method
            expects from open deals, and the calls people submitted.
          </p>
        </div>
        <div className="forecast-controls">
          <label>
            Quarter{" "}
            <select aria-label="Quarter" value={period} onChange={(e) => set("period", e.target.value)}>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
          <label>
            By{" "}
            <select aria-label="Group by" value={by} onChange={(e) => set("by", e.target.value)}>
              {BY.map((b) => (
                <option key={b.value} value={b.value}>
                  {b.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {forecast.error ? (
        <ErrorNotice error={forecast.error} />
      ) : !forecast.data ? (
        <Loading label="Forecasting…" />
      ) : (
        <PeriodTable forecast={forecast.data} canPlan={me.permissions.planning === "write"} />
      )}
      <div className="forecast-columns">
        <ModelPanel />
        <AccuracyPanel />
      </div>
      <GroupAccuracyPanel />
      <BacktestPanel />
      <DealsPanel />
      <SeriesPanel />
      <ArrBridgePanel />
    </div>
  );
}

function PeriodTable({ forecast, canPlan }: { forecast: PeriodForecast; canPlan: boolean }) {
  const c = forecast.currency;
  return (
    <section className="card card-flush" aria-labelledby="forecast-period">
      <h2 id="forecast-period" className="forecast-heading">
        {forecast.period} ({formatDate(forecast.start)} – {formatDate(forecast.end)})
      </h2>
      {forecast.model.method === "stage_fallback" && (
        <p className="forecast-notice" role="note">
          Using stage probabilities: {forecast.model.reason}.
        </p>
      )}
      <table className="forecast-table">
        <thead>
          <tr>
            <th scope="col">{forecast.by === "company" ? "" : forecast.by === "team" ? "Team" : "Owner"}</th>
            <th scope="col">Closed</th>
            <th scope="col">{METHOD_LABELS.weighted}</th>
            <th scope="col">{METHOD_LABELS.stage_conversion}</th>
            <th scope="col">{METHOD_LABELS.model}</th>
            <th scope="col">Commit</th>
            <th scope="col">Best case</th>
            <th scope="col">Call</th>
          </tr>
        </thead>
        <tbody>
          {forecast.groups.map((g) => (
            <tr key={g.group ?? "none"} data-testid={`forecast-row-${g.group ?? "company"}`}>
              <th scope="row">{g.label}</th>
              <td>{money(g.closed, c)}</td>
              <td className={forecast.headline_method === "weighted" ? "headline" : undefined}>
                {money(g.methods.weighted, c)}
              </td>
              <td>{money(g.methods.stage_conversion, c)}</td>
              <td className={forecast.headline_method === "model" ? "headline" : undefined}>
                {money(g.methods.model, c)}
              </td>
              <td>{money(g.categories.commit_total, c)}</td>
              <td>{money(g.categories.best_case_total, c)}</td>
              <td title={g.call?.note ?? undefined}>{money(g.call?.amount, c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canPlan && <CallForm period={forecast.period} currency={c} />}
    </section>
  );
}

function CallForm({ period, currency }: { period: string; currency: string }) {
  const client = useQueryClient();
  const [amount, setAmount] = useState("");
  const submit = useMutation({
    mutationFn: () => api.post("/api/forecast/calls", { period, amount: Number(amount) }),
    onSuccess: () => {
      setAmount("");
      void client.invalidateQueries({ queryKey: ["forecast", period] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };
  return (
    <form className="forecast-call" onSubmit={onSubmit}>
      <label>
        Company call for {period} ({currency}){" "}
        <input
          type="number"
          min="0"
          step="any"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          required
        />
      </label>
      <button type="submit" className="button" disabled={submit.isPending}>
        Submit call
      </button>
      {submit.error ? <ErrorNotice error={submit.error} /> : null}
    </form>
  );
}

function ModelPanel() {
  const model = useQuery({
    queryKey: ["forecast", "model"],
    queryFn: () => api.get<ModelInfo>("/api/forecast/model"),
  });
  const m = model.data;
  return (
    <section className="card" aria-labelledby="forecast-model">
      <h2 id="forecast-model">Win-probability model</h2>
      {model.error ? (
        <ErrorNotice error={model.error} />
      ) : !m ? (
        <Loading />
      ) : m.fallback ? (
        <p>
          Stage probabilities are used: {m.reason}. ({m.counts.won} won, {m.counts.lost} lost so far.)
        </p>
      ) : (
        <>
          <p className="muted">
            Learnt from {m.counts.closed.toLocaleString()} closed deals. On the newest {m.holdout?.deals}{" "}
            (held out): AUC {m.holdout?.auc?.toFixed(3)} against {m.holdout?.baseline.auc?.toFixed(3)} for
            stage probabilities; Brier {m.holdout?.brier?.toFixed(3)} against{" "}
            {m.holdout?.baseline.brier?.toFixed(3)} (lower is better).
          </p>
          <p className="muted" data-testid="model-recipe">
            {modelRecipe(m)}
          </p>
          <ReliabilityChart bins={m.reliability} />
        </>
      )}
    </section>
  );
}

function AccuracyPanel() {
  const accuracy = useQuery({
    queryKey: ["forecast", "accuracy"],
    queryFn: () => api.get<Accuracy>("/api/forecast/accuracy"),
  });
  const a = accuracy.data;
  return (
    <section className="card" aria-labelledby="forecast-accuracy">
      <h2 id="forecast-accuracy">Forecast against actual</h2>
      {accuracy.error ? (
        <ErrorNotice error={accuracy.error} />
      ) : !a ? (
        <Loading />
      ) : (
        <>
          <AccuracyChart accuracy={a} />
          <table className="forecast-table compact">
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col">Quarters</th>
                <th scope="col">Accuracy</th>
                <th scope="col">MAPE</th>
                <th scope="col">Bias</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(a.methods).map(([method, m]) => (
                <tr key={method}>
                  <th scope="row">{METHOD_LABELS[method] ?? method}</th>
                  <td>{m.score.periods}</td>
                  <td>{percent(m.score.accuracy, 1)}</td>
                  <td>{percent(m.score.mape, 1)}</td>
                  <td>{percent(m.score.bias, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Each team's (or owner's) snapshotted forecast and call against the bookings it won. */
function GroupAccuracyPanel() {
  const [by, setBy] = useState<"team" | "owner">("team");
  const accuracy = useQuery({
    queryKey: ["forecast", "accuracy", by],
    queryFn: () => api.get<GroupAccuracy>(listUrl("forecast/accuracy", { by })),
  });
  const a = accuracy.data?.by === by ? accuracy.data : undefined;
  const score = (s: {
    periods: number;
    accuracy: number | null;
    mape: number | null;
    bias: number | null;
  }) => (
    <>
      <td>{s.periods}</td>
      <td>{percent(s.accuracy, 1)}</td>
      <td>{percent(s.mape, 1)}</td>
      <td>{percent(s.bias, 1)}</td>
    </>
  );
  return (
    <section className="card card-flush" aria-labelledby="forecast-group-accuracy">
      <div className="forecast-heading forecast-heading-row">
        <h2 id="forecast-group-accuracy">Forecast accuracy by {by}</h2>
        <label>
          By{" "}
          <select
            aria-label="Accuracy by"
            value={by}
            onChange={(e) => setBy(e.target.value as "team" | "owner")}
          >
            <option value="team">Team</option>
            <option value="owner">Owner</option>
          </select>
        </label>
      </div>
      {accuracy.error ? (
        <ErrorNotice error={accuracy.error} />
      ) : !a ? (
        <Loading />
      ) : a.groups.length === 0 ? (
        <p className="forecast-notice muted">
          No {by} has a snapshot or bookings in the last {a.periods.length} complete quarters yet.
        </p>
      ) : (
        <table className="forecast-table">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {by === "team" ? "Team" : "Owner"}
              </th>
              <th scope="colgroup" colSpan={4} className="group-heading">
                {METHOD_LABELS.headline} forecast
              </th>
              <th scope="colgroup" colSpan={4} className="group-heading">
                {METHOD_LABELS.call}
              </th>
            </tr>
            <tr>
              {["headline", "call"].flatMap((m) =>
                ["Quarters", "Accuracy", "MAPE", "Bias"].map((c) => (
                  <th scope="col" key={`${m}-${c}`}>
                    {c}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {a.groups.map((g) => (
              <tr key={g.group ?? "none"} data-testid={`accuracy-${by}-${g.group ?? "none"}`}>
                <th scope="row">{g.label}</th>
                {score(g.methods.headline.score)}
                {score(g.methods.call.score)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BacktestPanel() {
  const backtest = useQuery({
    queryKey: ["forecast", "backtest"],
    queryFn: () => api.get<Backtest>("/api/forecast/backtest"),
  });
  const b = backtest.data;
  return (
    <section className="card card-flush" aria-labelledby="forecast-backtest">
      <h2 id="forecast-backtest" className="forecast-heading">
        Backtest: each method at the start of the last four quarters, from what was known then
      </h2>
      {backtest.error ? (
        <ErrorNotice error={backtest.error} />
      ) : !b ? (
        <Loading label="Replaying the past quarters…" />
      ) : (
        <table className="forecast-table">
          <thead>
            <tr>
              <th scope="col">Method</th>
              {b.quarters.map((q) => (
                <th scope="col" key={q.period}>
                  {q.period}
                </th>
              ))}
              <th scope="col">Accuracy</th>
              <th scope="col">MAPE</th>
              <th scope="col">Bias</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(b.methods).map(([method, score]) => (
              <tr key={method} data-testid={`backtest-${method}`}>
                <th scope="row">{METHOD_LABELS[method] ?? method}</th>
                {b.quarters.map((q) => (
                  <td key={q.period}>{money(q.forecasts[method], b.currency)}</td>
                ))}
                <td>{percent(score.accuracy, 1)}</td>
                <td>{percent(score.mape, 1)}</td>
                <td>{percent(score.bias, 1)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Actual bookings</th>
              {b.quarters.map((q) => (
                <td key={q.period}>{money(q.actual, b.currency)}</td>
              ))}
              <td colSpan={3} />
            </tr>
          </tbody>
        </table>
      )}
      {b?.quarters
        .filter((q) => q.note)
        .map((q) => (
          <p key={q.period} className="forecast-notice" role="note">
            {q.period}: {q.note}.
          </p>
        ))}
    </section>
  );
}

function DealsPanel() {
  const deals = useQuery({
    queryKey: ["forecast", "deals"],
    queryFn: () => api.get<DealList>(listUrl("forecast/deals", { limit: 25 })),
  });
  const d = deals.data;
  return (
    <section className="card card-flush" aria-labelledby="forecast-deals">
      <h2 id="forecast-deals" className="forecast-heading">
        Open deals by expected value{d ? ` (${d.total.toLocaleString()} open)` : ""}
      </h2>
      {deals.error ? (
        <ErrorNotice error={deals.error} />
      ) : !d ? (
        <Loading />
      ) : (
        <table className="forecast-table">
          <thead>
            <tr>
              <th scope="col">Deal</th>
              <th scope="col">Owner</th>
              <th scope="col">Stage</th>
              <th scope="col">Amount</th>
              <th scope="col">Win probability</th>
              <th scope="col">Expected close</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {d.data.map((deal) => (
              <tr key={deal.id}>
                <th scope="row">
                  <Link to={`/opportunities/${deal.id}`}>{deal.name}</Link>
                </th>
                <td>{deal.owner ?? "—"}</td>
                <td>{deal.stage}</td>
                <td>{money(deal.amount, d.currency)}</td>
                <td>{percent(deal.probability)}</td>
                <td>{formatDate(deal.expected_close)}</td>
                <td className="factors">
                  {deal.factors.map((f) => (
                    <span key={f.feature} className={`factor ${f.direction}`}>
                      {factorText(f)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SeriesPanel() {
  const series = useQuery({
    queryKey: ["forecast", "series", "arr"],
    queryFn: () => api.get<SeriesForecast>(listUrl("forecast/series", { metric: "arr", horizon: 12 })),
  });
  return (
    <section className="card" aria-labelledby="forecast-series">
      <h2 id="forecast-series">ARR, next 12 months</h2>
      {series.error ? (
        <ErrorNotice error={series.error} />
      ) : !series.data ? (
        <Loading />
      ) : series.data.history.length === 0 ? (
        <p className="muted">No recurring revenue yet.</p>
      ) : (
        <SeriesChart series={series.data} />
      )}
    </section>
  );
}
