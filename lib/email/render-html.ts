// An email element to its HTML and plain-text parts. Runs on a render thread (lib/pdf/render-pool.ts) for the
// templates of emails/registry.ts, and on the calling thread for messages composed from parts.
import { plainTextSelectors, render, toPlainText } from "@react-email/components";
import type { ReactElement } from "react";

export type RenderedEmail = { html: string; text: string };

// Headings keep their case in the text part (html-to-text shouts them by default).
const textSelectors = [...plainTextSelectors, ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } }))];

export async function renderEmailHtml(body: ReactElement): Promise<RenderedEmail> {
  const html = await render(body);
  return { html, text: toPlainText(html, { selectors: textSelectors }) };
}
