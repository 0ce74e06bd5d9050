import { useEffect } from "react";

/** Sets the browser tab title for the current page. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Revline` : "Revline";
  }, [title]);
}
