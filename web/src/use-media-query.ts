import { useSyncExternalStore } from "react";

/** Whether a CSS media query matches, following changes (a phone turned sideways). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phones get the read-only app: lists, records and boards to look at, no editing. */
export const PHONE = "(max-width: 640px)";
