// One row per figure, printed as the table bench/README.md explains.
export type Row = {
  figure: string;
  rate: string;        // what was measured (req/s, tps, or a time)
  p50: string;
  p99: string;
  reference: string;   // the same-run reference it is compared with
  ratio: number | null;
  goal: string;
  pass: boolean;
};

export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : "-");
export const perSecond = (v: number, unit = "req/s") => `${v.toFixed(0)} ${unit}`;

export function printTable(rows: Row[]) {
  const head = ["figure", "rate", "p50", "p99", "reference", "ratio", "goal", "result"];
  const cells = rows.map((r) => [r.figure, r.rate, r.p50, r.p99, r.reference, r.ratio === null ? "-" : `${(r.ratio * 100).toFixed(0)} %`, r.goal, r.pass ? "pass" : "FAIL"]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const c of cells) console.log(line(c));
}
