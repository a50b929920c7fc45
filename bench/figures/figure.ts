// A figure of the benchmark: one module per kind of work, each returning its rows. Add a module to
// bench/figures and list it in bench/run.ts to add a figure.
import type { App } from "../lib/app";
import type { Row } from "../lib/table";

export type Shared = {
  /** GET /api/health at 50 clients: the framework's floor, the reference of every page and API figure. */
  healthRate?: number;
  /** Bookings the raw booking loop left pending, for the raw payment loop. */
  rawPendingBookings?: { id: string; sessionId: string; count: number }[];
};

export type Figure = { name: string; run(app: App, shared: Shared): Promise<Row[]> };
