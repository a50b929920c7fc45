import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Turnout — book courses and classes", template: "%s · Turnout" },
  description: "Book places on courses, classes and events for yourself or your group.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the Content-Security-Policy's nonce is new each time, and a page
  // built ahead of time would carry scripts without it (blocked, so never hydrated).
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <a href="#main" className="skip-link">Skip to content</a>
        <header className="border-b border-stone-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="text-xl font-bold tracking-tight text-brand-700">Turnout</Link>
            <ul className="flex gap-4 text-sm font-medium">
              <li><Link href="/courses" className="text-stone-700 underline-offset-4 hover:underline">Courses</Link></li>
              <li><Link href="/my-bookings" className="text-stone-700 underline-offset-4 hover:underline">My bookings</Link></li>
            </ul>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-6 sm:py-10">{children}</main>
        <footer className="mt-12 border-t border-stone-200 py-6 text-center text-sm text-stone-600">
          <Link href="/terms" className="underline">Booking terms</Link>
          <span aria-hidden="true"> · </span>
          <Link href="/admin" className="underline">Staff sign-in</Link>
        </footer>
      </body>
    </html>
  );
}
