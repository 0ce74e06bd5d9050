import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type ApiRecord, api, type ListPage, listUrl } from "../api-client.ts";

/** Small first page for a fast first paint; bigger ones after, while the person scrolls. */
export const FIRST_PAGE = 100;
export const NEXT_PAGE = 500;

export interface RowsQuery {
  path: string;
  sort: string;
  q: string;
  filters: Record<string, string>;
}

/**
 * The grid's records, fetched page by page with keyset cursors as the person scrolls; the
 * first page also asks for the total, which sizes the scrollbar.
 */
export function useGridRows({ path, sort, q, filters }: RowsQuery) {
  const query = useInfiniteQuery({
    queryKey: ["grid", path, sort, q, filters],
    initialPageParam: { cursor: "", limit: FIRST_PAGE },
    queryFn: ({ pageParam }) =>
      api.get<ListPage>(
        listUrl(path, {
          ...filters,
          sort,
          q,
          limit: pageParam.limit,
          cursor: pageParam.cursor,
          include_total: pageParam.cursor === "" ? true : undefined,
        }),
      ),
    getNextPageParam: (last) =>
      last.next_cursor ? { cursor: last.next_cursor, limit: NEXT_PAGE } : undefined,
    // Fresh when the grid opens again (a record may have changed elsewhere); while it is open,
    // pages stay as loaded and saves show through the edit state.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    // A new filter or sort keeps the rows on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const rows = useMemo<ApiRecord[]>(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  return {
    rows,
    total: query.data?.pages[0]?.total,
    error: query.error,
    isPending: query.isPending,
    stale: query.isPlaceholderData,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
    reload: () => query.refetch(),
  };
}
