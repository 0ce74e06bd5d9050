import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { formatDate } from "../format.ts";
import type { ArrBridge } from "./forecast.types.ts";
import { money, percent } from "./forecast-format.ts";

/**
 * ARR bridge: today's contracted ARR, the churn expected at each month's renewals and the new and
 * expansion ARR expected from open deals, month by month; then the renewals most at risk and why.
 */
export function ArrBridgePanel() {
  const bridge = useQuery({
    queryKey: ["forecast", "arr", 12],
    queryFn: () => api.get<ArrBridge>(listUrl("forecast/arr", { horizon: 12 })),
  });
  const b = bridge.data;
  return (
    <section className="card" aria-labelledby="forecast-arr-bridge">
      <h2 id="forecast-arr-bridge">ARR bridge</h2>
      {bridge.error ? (
        <ErrorNotice error={bridge.error} />
      ) : !b ? (
        <Loading />
      ) : b.subscriptions === 0 && b.open_deals === 0 ? (
        <p className="muted">No subscriptions or open deals yet.</p>
      ) : (
        <>
          <p className="muted">
            Contracted ARR {money(b.contracted, b.currency)} from {b.subscriptions} subscriptions, less the
            churn expected at renewals, plus new and expansion ARR expected from {b.open_deals} open deals.
            {b.renewal_history.note ? ` ${b.renewal_history.note}.` : ""}
          </p>
          <table className="forecast-table">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Contracted</th>
                <th scope="col">Expected churn</th>
                <th scope="col">Expected new</th>
                <th scope="col">Expected expansion</th>
                <th scope="col">Forecast ARR</th>
                <th scope="col">Renewals due</th>
              </tr>
            </thead>
            <tbody>
              {b.months.map((m) => (
                <tr key={m.period}>
                  <th scope="row">{m.period}</th>
                  <td>{money(m.contracted, b.currency)}</td>
                  <td>−{money(m.expected_churn, b.currency)}</td>
                  <td>+{money(m.expected_new, b.currency)}</td>
                  <td>+{money(m.expected_expansion, b.currency)}</td>
                  <td>
                    <strong>{money(m.forecast, b.currency)}</strong>
                  </td>
                  <td>
                    {m.renewals_due.count} · {money(m.renewals_due.arr, b.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {b.riskiest_renewals.length > 0 && (
            <>
              <h3>Riskiest renewals</h3>
              <table className="forecast-table compact">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">ARR</th>
                    <th scope="col">Renews</th>
                    <th scope="col">Renewal chance</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {b.riskiest_renewals.map((r) => (
                    <tr key={r.subscription_id}>
                      <th scope="row">
                        <Link to={`/accounts/${r.account_id}`}>{r.account}</Link>
                      </th>
                      <td>{money(r.arr, b.currency)}</td>
                      <td>{formatDate(r.renewal_date)}</td>
                      <td>{percent(r.probability)}</td>
                      <td>{r.reasons.join("; ") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
