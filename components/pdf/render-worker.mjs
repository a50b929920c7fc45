// Entry of a PDF worker thread (lib/pdf/render-pool.ts starts them with piscina), loaded from the source tree
// at the nice value the pool hands it (lib/thread-entry.mjs): it renders the TypeScript documents.
import { workerData } from "node:worker_threads";
import { enterThread } from "../../lib/thread-entry.mjs";

const { renderDocument } = await enterThread(workerData, "turnout-render", "./render-document.tsx", import.meta.url);

export default renderDocument;
