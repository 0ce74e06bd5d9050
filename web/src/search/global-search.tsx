import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../api-client.ts";
import { fieldLabel } from "../meta.types.ts";
import { recordPath } from "../urls.ts";
import "./global-search.css";

interface SearchGroup {
  object: string;
  path: string;
  label: string;
  hits: Array<{ id: string; title: string; detail: string | null; matched: string }>;
}

/**
 * The top bar's search across every object the role may read, by name, email, domain or
 * external id (a combobox: arrows choose, Enter opens, Esc closes; "/" jumps here).
 */
export function GlobalSearch() {
  const navigate = useNavigate();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 180);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => {
    const focus = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === "/" && !target.closest("input, textarea, select, [contenteditable], [role=grid]")) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener("keydown", focus);
    return () => window.removeEventListener("keydown", focus);
  }, []);

  const results = useQuery({
    queryKey: ["search", q],
    queryFn: () =>
      api.get<{ data: SearchGroup[] }>(`/api/search?q=${encodeURIComponent(q)}`).then((r) => r.data),
    enabled: q.length >= 2,
    staleTime: 10_000,
  });
  const hits = (results.data ?? []).flatMap((g) => g.hits.map((h) => ({ ...h, group: g })));
  const show = open && q.length >= 2;

  const go = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    setOpen(false);
    setText("");
    navigate(recordPath(hit.group.path, hit.id));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") setActive((a) => Math.min(hits.length - 1, a + 1));
    else if (event.key === "ArrowUp") setActive((a) => Math.max(0, a - 1));
    else if (event.key === "Enter") go(active);
    else if (event.key === "Escape") setOpen(false);
    else return;
    event.preventDefault();
  };

  let index = -1;
  return (
    <div className="global-search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search everything
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={show}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={show && hits[active] ? `${id}-opt-${active}` : undefined}
        placeholder="Search names, emails, domains, ids…  /"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      {show && (
        <div id={`${id}-list`} role="listbox" aria-label="Search results" className="search-results">
          {results.isPending && <p className="search-empty">Searching…</p>}
          {results.isSuccess && hits.length === 0 && <p className="search-empty">Nothing matches “{q}”.</p>}
          {(results.data ?? []).map((group) => (
            // biome-ignore lint/a11y/useSemanticElements: options of a combobox's listbox, chosen with aria-activedescendant
            <div key={group.object} role="group" aria-label={group.label}>
              <p className="search-group">{group.label}</p>
              {group.hits.map((hit) => {
                index++;
                const i = index;
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (arrows, Enter)
                  // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input (aria-activedescendant)
                  <div
                    key={hit.id}
                    id={`${id}-opt-${i}`}
                    role="option"
                    aria-selected={i === active}
                    className="search-option"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => go(i)}
                    onMouseEnter={() => setActive(i)}
                  >
                    <span className="search-title">{hit.title}</span>
                    {hit.detail && <span className="search-detail">{hit.detail}</span>}
                    {hit.matched !== "name" && (
                      <span className="search-matched">{fieldLabel(hit.matched)}</span>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
