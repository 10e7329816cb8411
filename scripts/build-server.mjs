/**
 * `npm run build:server` (part of `npm run build`): compiles the server entry and the
 * worker to plain JavaScript in build/server/, so production runs them with `node`
 * rather than through tsx. Loading TypeScript through tsx at run time cost the web
 * server about 50 MB of resident memory (decision 0013). Packages stay external:
 * node_modules is resolved at run time as before; only Parley's own code is bundled.
 */
import { build } from "esbuild";

await build({
  entryPoints: { index: "server/index.ts", worker: "server/worker.ts" },
  outdir: "build/server",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  // Stack traces in the logs point at the TypeScript sources (node --enable-source-maps).
  sourcemap: true,
  logLevel: "warning",
});
