import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.REVLINE_API_URL ?? "http://127.0.0.1:3000";

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
      output: { codeSplitting: { groups: [{ name: "vendor", test: /node_modules/ }] } },
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
