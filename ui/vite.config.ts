import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const uiRoot = fileURLToPath(new URL(".", import.meta.url));

/** Port of the dev server; `devUrl` in tauri.conf.json must match it. */
const DEV_PORT = 5173;

// Preact's automatic JSX runtime comes from `jsxImportSource` in tsconfig.json, which Vite's
// TypeScript transform reads, so no framework plugin is needed.
export default defineConfig({
  root: uiRoot,
  clearScreen: false,
  server: {
    host: "127.0.0.1",
    port: DEV_PORT,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari16",
  },
});
