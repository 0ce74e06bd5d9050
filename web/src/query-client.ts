import { QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, isUnauthenticated } from "./api-client.ts";

export const ME_KEY = ["me"] as const;
export const OBJECTS_KEY = ["meta", "objects"] as const;

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // An expired session shows up on whatever query runs next: re-check who is signed
      // in, and the app shell sends the person to the sign-in page.
      onError: (error, query) => {
        if (isUnauthenticated(error) && query.queryKey[0] !== ME_KEY[0]) {
          void client.invalidateQueries({ queryKey: ME_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}
