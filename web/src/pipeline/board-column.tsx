import { useQuery } from "@tanstack/react-query";
import { type DragEvent, useState } from "react";
import { Link } from "react-router-dom";
import { type ApiRecord, api, type ListPage, listUrl } from "../api-client.ts";
import { useRefTitles } from "../components/use-ref-titles.ts";
import { compactMoney, date, money } from "../grid/cell-display.ts";
import type { GroupTotal } from "../grid/grid-items.ts";
import { enumLabel, type ObjectMeta } from "../meta.types.ts";
import { listPath, recordPath } from "../urls.ts";

export const CARDS_PER_COLUMN = 30;

interface Props {
  object: ObjectMeta;
  stage: GroupTotal;
  stages: string[];
  filters: Record<string, string>;
  movable: boolean;
  moving: string | null;
  onMove: (card: ApiRecord, stage: string) => void;
  dragged: ApiRecord | null;
  onDrag: (card: ApiRecord | null) => void;
}

/** One stage: its count and amount, and its largest deals as cards that can be dragged to another stage. */
export function BoardColumn({
  object,
  stage,
  stages,
  filters,
  movable,
  moving,
  onMove,
  dragged,
  onDrag,
}: Props) {
  const value = String(stage.value);
  const [over, setOver] = useState(false);
  const cards = useQuery({
    queryKey: ["board", "cards", filters, value],
    queryFn: () =>
      api.get<ListPage>(
        listUrl(object.path, { ...filters, stage: value, sort: "-amount_minor", limit: CARDS_PER_COLUMN }),
      ),
  });
  const accountField = object.fields.filter((f) => f.name === "account_id");
  const titles = useRefTitles(accountField, cards.data?.data ?? []);
  const accepts = movable && dragged !== null && dragged.stage !== value;
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (dragged && dragged.stage !== value) onMove(dragged, value);
  };
  const amounts = stage.sums.amount_minor ?? [];
  const headingId = `stage-${value.replace(/\W+/g, "-")}`;

  return (
    <section
      className={`board-column${over && accepts ? " drop-target" : ""}`}
      aria-labelledby={headingId}
      onDragOver={(e) => {
        if (!accepts) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-stage={value}
    >
      <header className="board-column-header">
        <h2 id={headingId}>{enumLabel(value)}</h2>
        <span className="count">{stage.count}</span>
        <span className="board-amount">
          {amounts.length === 0
            ? "—"
            : amounts.map((a) => compactMoney(a.value, a.currency ?? "USD")).join(" + ")}
        </span>
      </header>
      <ul className="board-cards">
        {(cards.data?.data ?? []).map((card) => (
          <li
            key={card.id}
            className={`board-card${moving === card.id ? " moving" : ""}`}
            draggable={movable}
            onDragStart={(e) => {
              e.dataTransfer.setData("text/plain", card.id);
              e.dataTransfer.effectAllowed = "move";
              onDrag(card);
            }}
            onDragEnd={() => onDrag(null)}
            data-id={card.id}
          >
            <Link to={recordPath(object.path, card.id)} className="board-card-name" draggable={false}>
              {String(card.name)}
            </Link>
            {typeof card.account_id === "string" && (
              <span className="board-card-account">{titles.get(card.account_id) ?? ""}</span>
            )}
            <span className="board-card-facts">
              {card.amount_minor != null && (
                <strong>{money(Number(card.amount_minor), String(card.currency))}</strong>
              )}
              {typeof card.close_date === "string" && <span>closes {date(card.close_date)}</span>}
            </span>
            {movable && (
              <select
                className="board-move"
                aria-label={`Move ${String(card.name)} to stage`}
                value={value}
                onChange={(e) => onMove(card, e.target.value)}
                disabled={moving === card.id}
              >
                {stages.map((s) => (
                  <option key={s} value={s}>
                    {s === value ? "Move to…" : enumLabel(s)}
                  </option>
                ))}
              </select>
            )}
          </li>
        ))}
      </ul>
      {stage.count > CARDS_PER_COLUMN && (
        <Link className="board-more" to={listPath(object.path, { ...filters, stage: value })}>
          All {stage.count} in the grid
        </Link>
      )}
    </section>
  );
}
