import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-3xl font-bold">Check your email</h1>
      <p role="status">If that address has bookings with us, or is given for an attendee, the email we have just sent has a link to see them. The link works once and expires soon.</p>
      <p className="text-stone-700">Nothing arrived? Check your spam folder, or <a className="font-medium text-brand-700 underline" href="/my-bookings">ask for another link</a>.</p>
    </div>
  );
}
