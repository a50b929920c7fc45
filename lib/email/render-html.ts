// An email element to its HTML and plain-text parts. Runs on a render thread (lib/pdf/render-pool.ts) for the
// templates of emails/registry.ts, and on the calling thread for messages composed from parts.
//
// The HTML is drawn with React's synchronous renderToStaticMarkup, under the doctype email clients expect (the one
// @react-email's render() writes). render() streams the same markup through a web ReadableStream for templates
// that suspend; ours never do, and its stream took about half of each email's time. Imported when first needed,
// as render() does: Next refuses a static import of react-dom/server in code its server components reach.
//
// The text part is html-to-text with @react-email's options (toPlainText's), through a converter compiled once
// per thread: toPlainText calls convert(), which compiles the options into a converter for every message, and
// that compiling was more than half of each text part's time.
import { plainTextSelectors } from "@react-email/components";
import { compile } from "html-to-text";
import type { ReactElement } from "react";

export type RenderedEmail = { html: string; text: string };

const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

// Headings keep their case in the text part (html-to-text shouts them by default).
const textSelectors = [...plainTextSelectors, ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } }))];
const toPlainText = compile({ wordwrap: false, selectors: textSelectors });

export async function renderEmailHtml(body: ReactElement): Promise<RenderedEmail> {
  const { renderToStaticMarkup } = await import("react-dom/server");
  const html = `${DOCTYPE}${renderToStaticMarkup(body)}`;
  return { html, text: toPlainText(html) };
}
