// The route a request path belongs to, for metric labels: ids, references and document numbers become
// placeholders so the number of label values stays bounded.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^TRN-[0-9A-Z]{4}-[0-9A-Z]{4}$/i;
const HAS_DIGIT = /\d/;

export function routeLabel(path: string, status: number): string {
  const pathname = path.split("?")[0] || "/";
  if (pathname.startsWith("/_next/")) return "/_next/*";
  // Paths nobody routes would otherwise grow the label set without bound.
  if (status === 404) return "unmatched";
  const parts = pathname.split("/").map((segment) => {
    if (!segment) return segment;
    if (UUID.test(segment)) return ":id";
    if (REFERENCE.test(segment)) return ":reference";
    if (HAS_DIGIT.test(segment) && segment.length > 3) return ":key";
    return segment;
  });
  return parts.join("/") || "/";
}
