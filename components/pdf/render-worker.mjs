// Entry of a PDF worker thread (lib/pdf/render-pool.ts starts them with piscina). Plain JavaScript, loaded
// by Node as it is from the source tree and never bundled: it compiles the TypeScript documents it renders
// with tsx, using the project's tsconfig (for the "@/" paths), both found from this file.
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// On Linux the nice value belongs to the thread (pid 0 is the calling thread), so this lowers this render
// thread only, not the process's request thread. Where the platform refuses, the thread renders at the
// normal priority.
try {
  setPriority(workerData?.nice ?? 0);
} catch {
  // not permitted here: keep the default priority
}

const { renderDocument } = await tsImport("./render-document.tsx", {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)),
});

export default renderDocument;
