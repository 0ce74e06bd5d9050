import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useLocation, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { type ApiRecord, api, listUrl, type ListPage as Page } from "../api-client.ts";
import { filterableFields, listColumns } from "../columns.ts";
import { FilterRow, filtersOf } from "../components/filter-row.tsx";
import { Pager } from "../components/pager.tsx";
import { RecordForm } from "../components/record-form.tsx";
import { RecordsTable } from "../components/records-table.tsx";
import { ErrorNotice, Loading } from "../components/status.tsx";
import type { ObjectMeta } from "../meta.types.ts";
import { useTitle } from "../use-title.ts";
import { canWrite, useWorkspace } from "../workspace-context.ts";
import { NotFoundPage } from "./not-found.page.tsx";

const PAGE_SIZE = 50;

export function ListPage() {
  const { path = "" } = useParams();
  const object = useWorkspace().byPath.get(path);
  if (!object) return <NotFoundPage />;
  return <ObjectList key={object.key} object={object} />;
}

/** Cursors of the pages before this one live in the history entry, so Back and Prev agree. */
type PageState = { cursors?: string[] } | null;

function ObjectList({ object }: { object: ObjectMeta }) {
  useTitle(object.label);
  const { me } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const cursors = (location.state as PageState)?.cursors ?? [];
  const cursor = params.get("cursor") ?? "";
  const sort = params.get("sort") ?? object.defaultSort;
  const q = params.get("q") ?? "";

  const list = useQuery({
    queryKey: ["list", object.path, params.toString()],
    queryFn: () =>
      api.get<Page>(
        listUrl(object.path, { ...Object.fromEntries(params), sort, limit: PAGE_SIZE, include_total: true }),
      ),
    placeholderData: keepPreviousData,
  });

  /** Changes the query and goes back to the first page. */
  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    next.delete("cursor");
    change(next);
    setParams(next, { state: { cursors: [] } });
  };
  const goTo = (to: string, stack: string[]) => {
    const next = new URLSearchParams(params);
    if (to) next.set("cursor", to);
    else next.delete("cursor");
    setParams(next, { state: { cursors: stack } });
  };
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    update((next) => (value ? next.set("q", value) : next.delete("q")));
  };
  const created = (record: ApiRecord) => {
    queryClient.removeQueries({ queryKey: ["list", object.path] });
    void queryClient.invalidateQueries({ queryKey: ["count", object.path] });
    navigate(`/o/${object.path}/${record.id}`);
  };

  const page = list.data;
  const offset = cursor && cursors.length === 0 ? undefined : cursors.length * PAGE_SIZE;
  const filters = filtersOf(params);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{object.label}</h1>
          {page?.total !== undefined && (
            <p className="muted">
              {page.total.toLocaleString()} {page.total === 1 ? "record" : "records"}
            </p>
          )}
        </div>
        {canWrite(me, object) && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New {object.singular.replaceAll("_", " ")}
          </button>
        )}
      </header>

      {creating && (
        <section className="card" aria-labelledby="new-record-title">
          <h2 id="new-record-title">New {object.singular.replaceAll("_", " ")}</h2>
          <RecordForm
            object={object}
            save={(body) => api.post<ApiRecord>(`/api/${object.path}`, body)}
            onSaved={created}
            onCancel={() => setCreating(false)}
            submitLabel="Create"
          />
        </section>
      )}

      <div className="toolbar">
        <form className="search" onSubmit={search}>
          <label className="visually-hidden" htmlFor="list-search">
            Search {object.label}
          </label>
          <input
            key={q}
            id="list-search"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={`Search ${object.searchFields.join(", ").replaceAll("_", " ")}`}
          />
          <button type="submit" className="button">
            Search
          </button>
        </form>
        <FilterRow
          fields={filterableFields(object)}
          filters={filters}
          onAdd={(param, value) => update((next) => next.set(param, value))}
          onRemove={(param) => update((next) => next.delete(param))}
        />
      </div>

      {list.isError && <ErrorNotice error={list.error} />}
      {list.isPending && <Loading />}
      {page && page.data.length === 0 && (
        <p className="empty-state">
          {q || filters.length > 0
            ? `No ${object.label.toLowerCase()} match this search.`
            : `No ${object.label.toLowerCase()} yet.`}
        </p>
      )}
      {page && page.data.length > 0 && (
        <div className={list.isPlaceholderData ? "card card-flush stale" : "card card-flush"}>
          <RecordsTable
            object={object}
            columns={listColumns(object)}
            rows={page.data}
            caption={object.label}
            sort={sort}
            onSort={(next) => update((p) => p.set("sort", next))}
          />
          <Pager
            offset={offset}
            shown={page.data.length}
            total={page.total}
            hasPrev={cursor !== ""}
            hasNext={page.next_cursor !== null}
            onPrev={() => goTo(cursors.at(-1) ?? "", cursors.slice(0, -1))}
            onNext={() => goTo(page.next_cursor!, [...cursors, cursor])}
          />
        </div>
      )}
    </div>
  );
}
