// The door page as an installable web app (added to a phone's home screen, opened full screen).
export const dynamic = "force-static";

export function GET() {
  return Response.json({
    name: "Turnout check-in",
    short_name: "Check-in",
    description: "Scan tickets at the door, online or offline.",
    start_url: "/admin/check-in",
    scope: "/admin/check-in",
    display: "standalone",
    orientation: "portrait",
    background_color: "#ffffff",
    theme_color: "#0b5549",
    icons: [{ src: "/check-in-icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  }, { headers: { "content-type": "application/manifest+json" } });
}
