// The printable requirements sheet for a venue (components/pdf/requirements-document.tsx), drawn off the
// request thread.
import { renderPdf } from "@/lib/pdf/render-pool";
import type { DashboardSession } from "./dashboard";

export function requirementsPdf(sessions: DashboardSession[], now = new Date()): Promise<Buffer> {
  return renderPdf({ kind: "requirements", sessions, printedAt: now });
}
