import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.REVLINE_API_URL ?? "http://127.0.0.1:3000";
const CHARTS =
  /node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|redux-thunk|react-redux|immer|reselect|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|clsx|use-sync-external-store)[\\/]/;

// The built app is served by the Fastify server (src/api/server.ts); in development
// `npx vite --config web/vite.config.ts` serves it with live reload and proxies the API
// (to REVLINE_API_URL, default http://127.0.0.1:3000).
export default defineConfig({
  root,
  base: "/",
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      // Libraries change less often than the app: a separate chunk stays cached across releases.
      // Charts (recharts and what it brings) load only with the dashboards that draw them; the
      // vendor group goes first so the libraries both use (React) stay in the vendor chunk.
      output: {
        codeSplitting: {
          groups: [
            { name: "vendor", test: (id) => /node_modules/.test(id) && !CHARTS.test(id), priority: 2 },
            // Two chunks, each under the size warning: the d3 and redux parts first, then recharts.
            {
              name: "charts-deps",
              test: (id) => CHARTS.test(id) && !/[\\/]recharts[\\/]/.test(id),
              priority: 1,
            },
            { name: "charts", test: CHARTS, priority: 0 },
          ],
        },
      },
      // React Query and React Router mark modules "use client"; meaningless in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": api, "/openapi.json": api, "/docs": api },
  },
});
