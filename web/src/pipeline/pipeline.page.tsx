import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { ApiError, type ApiRecord, api, listUrl } from "../api-client.ts";
import { ErrorNotice, Loading } from "../components/status.tsx";
import type { GroupTotal } from "../grid/grid-items.ts";
import { enumLabel } from "../meta.types.ts";
import { PHONE, useMediaQuery } from "../use-media-query.ts";
import { useTitle } from "../use-title.ts";
import { canWrite, useWorkspace } from "../workspace-context.ts";
import { BoardColumn } from "./board-column.tsx";
import { allStages, orderPipelines, orderStages } from "./board-stages.ts";
import "./pipeline.css";

type Groups = { groups: GroupTotal[] };

/**
 * The pipeline board: one tab per pipeline, one column per stage with its count and amount.
 * Dragging a card (or choosing in its Move menu) changes the deal's stage with the version it
 * was read at; the server records the move in the stage history.
 */
export function PipelinePage() {
  useTitle("Pipeline");
  const { me, byKey } = useWorkspace();
  const object = byKey.get("opportunities")!;
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const phone = useMediaQuery(PHONE);
  const movable = canWrite(me, object) && !phone;
  const [dragged, setDragged] = useState<ApiRecord | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const pipelines = useQuery({
    queryKey: ["board", "pipelines"],
    queryFn: () => api.get<Groups>(listUrl(`${object.path}/groups`, { group_by: "pipeline" })),
  });
  const names = orderPipelines((pipelines.data?.groups ?? []).map((g) => String(g.value)));
  const pipeline = params.get("pipeline") ?? names[0] ?? "";
  const mine = params.get("mine") === "1" && me.user !== null;
  const open = params.get("open") === "1";
  const filters: Record<string, string> = { pipeline };
  if (mine && me.user) filters.owner_id = me.user.id;
  if (open) filters.status = "open";
  const stages = useQuery({
    queryKey: ["board", "stages", filters],
    queryFn: () =>
      api.get<Groups>(
        listUrl(`${object.path}/groups`, { ...filters, group_by: "stage", sum: "amount_minor,probability" }),
      ),
    enabled: pipeline !== "",
  });
  // Every stage a deal is in or has been in (any pipeline), and won and lost, is a column: a
  // deal can move to a stage this pipeline has no deal in yet.
  const used = useQuery({
    queryKey: ["board", "all-stages"],
    queryFn: async () => {
      const [now, past] = await Promise.all([
        api.get<Groups>(listUrl(`${object.path}/groups`, { group_by: "stage", sum: "probability" })),
        api.get<Groups>(listUrl("opportunity-stage-history/groups", { group_by: "to_stage" })),
      ]);
      return allStages(now.groups, past.groups);
    },
  });
  const here = new Map((stages.data?.groups ?? []).map((g) => [g.value, g]));
  const columns = orderStages(used.data ?? []).map(
    (g) => here.get(g.value) ?? { value: g.value, count: 0, sums: {} },
  );
  const stageNames = columns.map((c) => String(c.value));

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const move = async (card: ApiRecord, stage: string) => {
    if (stage === card.stage) return;
    setMoving(card.id);
    setMessage(null);
    try {
      await api.patch(`/api/${object.path}/${card.id}`, { stage, version: card.version });
      setMessage({ tone: "ok", text: `Moved ${card.name} to ${enumLabel(stage)}.` });
    } catch (error) {
      setMessage({
        tone: "error",
        text:
          error instanceof ApiError && error.body.code === "version_conflict"
            ? `${card.name} was changed by someone else; the board now shows it as saved. Move it again if you still want to.`
            : error instanceof ApiError
              ? error.message
              : "Could not reach the server.",
      });
    } finally {
      setMoving(null);
      setDragged(null);
      await queryClient.invalidateQueries({ queryKey: ["board"] });
      void queryClient.invalidateQueries({ queryKey: ["grid", object.path] });
    }
  };

  return (
    <div className="page page-wide pipeline-page">
      <header className="page-header">
        <div>
          <h1>Pipeline</h1>
          <p className="muted">
            {movable ? "Drag a card to another stage, or use its Move menu." : "Read-only."} Amounts per stage
            are summed per currency.
          </p>
        </div>
      </header>
      <div className="board-controls">
        <div role="tablist" aria-label="Pipelines" className="pipeline-tabs">
          {names.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={name === pipeline}
              className="pipeline-tab"
              onClick={() => set("pipeline", name)}
            >
              {enumLabel(name)}
              <span className="count">{pipelines.data?.groups.find((g) => g.value === name)?.count}</span>
            </button>
          ))}
        </div>
        {me.user && (
          <label className="inline-check">
            <input
              type="checkbox"
              checked={mine}
              onChange={(e) => set("mine", e.target.checked ? "1" : null)}
            />{" "}
            My deals
          </label>
        )}
        <label className="inline-check">
          <input
            type="checkbox"
            checked={open}
            onChange={(e) => set("open", e.target.checked ? "1" : null)}
          />{" "}
          Open only
        </label>
      </div>
      {message && (
        <p
          className={`notice ${message.tone === "ok" ? "notice-ok" : "notice-error"}`}
          role={message.tone === "ok" ? "status" : "alert"}
        >
          {message.text}
        </p>
      )}
      {(pipelines.error || stages.error || used.error) && (
        <ErrorNotice error={pipelines.error ?? stages.error ?? used.error} />
      )}
      {pipelines.isPending || used.isPending || (pipeline && stages.isPending) ? (
        <Loading />
      ) : columns.length === 0 ? (
        <p className="empty-state card">No opportunities in this pipeline.</p>
      ) : (
        <section className="board" aria-label={`${enumLabel(pipeline)} pipeline board`}>
          {columns.map((stage) => (
            <BoardColumn
              key={String(stage.value)}
              object={object}
              stage={stage}
              stages={stageNames}
              filters={filters}
              movable={movable}
              moving={moving}
              onMove={move}
              dragged={dragged}
              onDrag={setDragged}
            />
          ))}
        </section>
      )}
    </div>
  );
}
