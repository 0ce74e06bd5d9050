import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError, type ApiErrorBody, type ApiRecord, api } from "../api-client.ts";
import { ConflictNotice } from "../components/conflict-notice.tsx";
import { FieldList } from "../components/field-list.tsx";
import { HistoryList } from "../components/history-list.tsx";
import { RecordForm } from "../components/record-form.tsx";
import { RelatedLists } from "../components/related-lists.tsx";
import { ErrorNotice, Loading } from "../components/status.tsx";
import type { ObjectMeta } from "../meta.types.ts";
import { recordTitle } from "../record-title.ts";
import { listPath } from "../urls.ts";
import { useTitle } from "../use-title.ts";
import { canWrite, useWorkspace } from "../workspace-context.ts";
import { NotFoundPage } from "./not-found.page.tsx";

/** A record's fields, edit form, related lists and history; `path` fixes the object (accounts' details page). */
export function RecordPage({ path: fixedPath }: { path?: string }) {
  const params = useParams();
  const path = fixedPath ?? params.path ?? "";
  const id = params.id ?? "";
  const object = useWorkspace().byPath.get(path);
  if (!object) return <NotFoundPage />;
  return <RecordView key={`${object.key}/${id}`} object={object} id={id} />;
}

function RecordView({ object, id }: { object: ObjectMeta; id: string }) {
  const { me } = useWorkspace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState<ApiErrorBody | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const url = `/api/${object.path}/${id}`;
  const query = useQuery({ queryKey: ["record", object.path, id], queryFn: () => api.get<ApiRecord>(url) });
  const title = query.data ? recordTitle(object, query.data, me.workspace.timezone) : undefined;
  useTitle(title ? `${title} · ${object.label}` : object.label);

  const afterChange = (next: ApiRecord) => {
    queryClient.setQueryData(["record", object.path, id], next);
    void queryClient.invalidateQueries({ queryKey: ["list", object.path] });
    void queryClient.invalidateQueries({ queryKey: ["history", object.path, id] });
  };
  const remove = async () => {
    if (!window.confirm(`Delete this ${object.singular.replaceAll("_", " ")}? This cannot be undone.`))
      return;
    try {
      await api.delete(url);
      navigate(listPath(object.path));
      queryClient.removeQueries({ queryKey: ["record", object.path, id] });
      queryClient.removeQueries({ queryKey: ["list", object.path] });
      void queryClient.invalidateQueries({ queryKey: ["count", object.path] });
    } catch (error) {
      setDeleteError(error);
    }
  };

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <div className="page">
        <Breadcrumb object={object} />
        {query.error instanceof ApiError && query.error.status === 404 ? (
          <h1>This {object.singular.replaceAll("_", " ")} does not exist</h1>
        ) : (
          <ErrorNotice error={query.error} />
        )}
      </div>
    );
  }
  const record = query.data;
  const writable = canWrite(me, object);

  return (
    <div className="page">
      <Breadcrumb object={object} />
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            <code>{record.id}</code> · version {record.version}
          </p>
        </div>
        {writable && !editing && (
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="button button-danger" onClick={remove}>
              Delete
            </button>
          </div>
        )}
      </header>
      {deleteError !== null && <ErrorNotice error={deleteError} />}
      {conflict && (
        <ConflictNotice
          object={object}
          current={conflict.current}
          onReload={() => {
            if (conflict.current) afterChange(conflict.current);
            else void query.refetch();
            setConflict(null);
          }}
        />
      )}

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        {editing ? (
          <RecordForm
            key={record.version}
            object={object}
            original={record}
            save={(body) => api.patch<ApiRecord>(url, body)}
            onSaved={(next) => {
              afterChange(next);
              setEditing(false);
            }}
            onCancel={() => {
              setEditing(false);
              setConflict(null);
            }}
            onConflict={setConflict}
            submitLabel="Save"
          />
        ) : (
          <FieldList object={object} record={record} />
        )}
      </section>

      <RelatedLists object={object} id={record.id} />
      <HistoryList object={object} id={record.id} />
    </div>
  );
}

function Breadcrumb({ object }: { object: ObjectMeta }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to={listPath(object.path)}>{object.label}</Link>
    </nav>
  );
}
