// Stands in for the page renderer's `next start` (lib/http/page-renderer.ts) in tests: the renderer's own setup
// (serveAsPageRenderer) in front of a server that answers every request 200, as Next.js would route it.
// `node --import tsx tests/page-renderer/stand-in.ts <port>`; STAND_IN_EXIT_AFTER_MS: exits on its own that long after it starts.
import http from "node:http";
import { serveAsPageRenderer } from "@/lib/http/page-renderer";

serveAsPageRenderer(Number(process.env.PAGE_RENDER_NICE ?? 5));
const port = Number(process.argv[2]);
http.createServer((req, res) => {
  res.setHeader("content-type", "text/plain");
  res.end(`rendered ${req.url} by ${process.pid} as ${process.env.TURNOUT_ROLE}`);
}).listen(port, "127.0.0.1");
