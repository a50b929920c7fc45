// Entry of a PDF worker thread (lib/pdf/render-pool.ts starts them with piscina). Plain JavaScript, loaded
// by Node as it is from the source tree and never bundled: it compiles the TypeScript documents it renders
// with tsx, using the project's tsconfig (for the "@/" paths), both found from this file.
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const { renderDocument } = await tsImport("./render-document.tsx", {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)),
});

export default renderDocument;
