// The command that runs the stand-in renderer (stand-in.ts) on a port.
import { fileURLToPath } from "node:url";

const standIn = fileURLToPath(new URL("./stand-in.ts", import.meta.url));

export const standInCommand = (port: number) => ({ command: process.execPath, args: ["--import", "tsx", standIn, String(port)] });
