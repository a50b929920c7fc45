// What a worker thread loaded from the source tree does first (the PDF threads, the job thread). Plain
// JavaScript, loaded by Node as it is and never bundled: the thread lowers its own scheduling priority, then
// loads its TypeScript module with tsx, using the project's tsconfig (for the "@/" paths), found from this file.
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const TSCONFIG = fileURLToPath(new URL("../tsconfig.json", import.meta.url));

/**
 * Sets this thread's nice value, then imports `specifier` (relative to `parentURL`, the entry file's URL).
 * On Linux the nice value belongs to the thread (pid 0 is the calling thread), so only this thread is lowered,
 * never the request thread; where the platform refuses, the thread runs at the default priority.
 */
export async function enterThread(nice, specifier, parentURL) {
  try {
    setPriority(nice ?? 0);
  } catch {
    // not permitted here: keep the default priority
  }
  return tsImport(specifier, { parentURL, tsconfig: TSCONFIG });
}
