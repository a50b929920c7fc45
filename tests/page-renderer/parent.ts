// A server process in miniature for the page renderer's test: starts a renderer (the stand-in) and prints its
// pid once it answers, then waits to be killed. `node --import tsx tests/page-renderer/parent.ts`
import path from "node:path";
import { startPageRenderer } from "@/lib/http/page-renderer";
import { standInCommand } from "./command";

const renderer = startPageRenderer({ command: standInCommand });
const timer = setInterval(() => {
  if (!renderer.address()) return;
  clearInterval(timer);
  console.log(JSON.stringify({ pid: renderer.pid(), port: renderer.address()!.port, cwd: path.resolve(".") }));
}, 20);
setInterval(() => {}, 60_000);
