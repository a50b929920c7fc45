"use client";
// The review step's fan-club part: verify an email by a one-use link (never a box to tick), then, as a verified
// member who is the booking's contact, see the points balance and choose how many points to spend.
import { useId, useState } from "react";
import type { PricePreview } from "@/lib/booking/preview-price";
import type { RequestMemberVerificationAction } from "@/lib/booking/wizard-actions";

const levelName: Record<string, string> = { silver: "Silver", gold: "Gold", platinum: "Platinum" };

export function MemberCheckout({ requestMemberVerification, courseSlug, verifiedEmail, contactEmail, price, points, pointsError, onUseEmail, onPoints, money }: {
  requestMemberVerification: RequestMemberVerificationAction;
  courseSlug: string;
  money: (n: number) => string;
  verifiedEmail: string | null;
  contactEmail: string;
  price: PricePreview | null;
  points: number | undefined;
  pointsError: string | null;
  onUseEmail: (email: string) => void;
  onPoints: (points: number | undefined) => void;
}) {
  const id = useId();
  const [email, setEmail] = useState(contactEmail);
  const [state, setState] = useState<{ busy?: boolean; sent?: boolean; error?: string } | null>(null);
  const [text, setText] = useState(points ? String(points) : "");
  const [inputError, setInputError] = useState<string | null>(null);
  const member = price?.member ?? null;

  if (!verifiedEmail) {
    const send = async () => {
      setState({ busy: true });
      const r = await requestMemberVerification(email, courseSlug);
      setState(r.ok ? { sent: true } : { error: r.fields?.memberEmail ?? r.message });
    };
    return (
      <section className="mt-4 border-t border-stone-200 pt-3" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className="font-medium">Fan-club member? Verify your email</h3>
        <p className="text-sm text-stone-700">We email you a link; opening it brings you back here with member prices and your reward points.</p>
        <div className="mt-1 flex flex-wrap items-start gap-2">
          <label htmlFor="memberEmail" className="sr-only">Membership email</label>
          <input id="memberEmail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email"
            aria-invalid={state?.error ? true : undefined} aria-describedby={state?.error ? `${id}-error` : undefined}
            className="w-64 rounded-md border border-stone-500 px-3 py-2" />
          <button type="button" onClick={send} disabled={state?.busy} className="rounded-md border-2 border-brand-700 px-4 py-2 font-medium text-brand-800">
            {state?.busy ? "Sending…" : "Email me a link"}
          </button>
        </div>
        <div aria-live="polite">
          {state?.error && <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">{state.error}</p>}
          {state?.sent && <p role="status" className="mt-1 text-sm text-stone-800">If this email belongs to a member, a link is on its way. Open it in this browser to continue.</p>}
        </div>
      </section>
    );
  }

  if (verifiedEmail.toLowerCase() !== contactEmail.trim().toLowerCase())
    return (
      <section className="mt-4 border-t border-stone-200 pt-3" aria-label="Membership">
        <p>You verified {verifiedEmail}. Member prices and points apply when it is the booking&apos;s contact email.</p>
        <button type="button" onClick={() => onUseEmail(verifiedEmail)} className="mt-1 rounded-md border-2 border-brand-700 px-4 py-2 font-medium text-brand-800">
          Use {verifiedEmail} as the contact email
        </button>
      </section>
    );

  if (!price) return null;
  if (!member)
    return <p className="mt-4 border-t border-stone-200 pt-3 text-stone-700">{verifiedEmail} is verified, but it is not a current fan-club member.</p>;

  const apply = () => {
    const n = text.trim() === "" ? 0 : Number(text);
    if (!Number.isInteger(n) || n < 0) { setInputError("Enter a whole number of points"); return; }
    if (n > member.balance) { setInputError(`You have ${member.balance} points to spend`); return; }
    setInputError(null);
    onPoints(n > 0 ? n : undefined);
  };
  const error = inputError ?? pointsError;
  return (
    <section className="mt-4 border-t border-stone-200 pt-3" aria-labelledby={`${id}-member`}>
      <h3 id={`${id}-member`} className="font-medium">Fan-club member: {levelName[member.level] ?? member.level}, no. {member.memberNumber}</h3>
      <p data-testid="points-balance">Your points: {member.balance}. Each point is worth {money(member.pointValueMinor)}; you can use up to {member.maxPoints} on this booking.</p>
      {member.maxPoints > 0 && (
        <>
          <label htmlFor="pointsToRedeem" className="mt-2 block font-medium">Points to use</label>
          <div className="mt-1 flex flex-wrap items-start gap-2">
            <input id="pointsToRedeem" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); apply(); } }}
              aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-points-error` : undefined}
              className="w-32 rounded-md border border-stone-500 px-3 py-2" />
            <button type="button" onClick={apply} className="rounded-md border-2 border-brand-700 px-4 py-2 font-medium text-brand-800">Use points</button>
            {points ? <button type="button" onClick={() => { setText(""); setInputError(null); onPoints(undefined); }} className="px-2 py-2 font-medium text-brand-700 underline underline-offset-4">Use no points</button> : null}
          </div>
        </>
      )}
      <div aria-live="polite">
        {error && <p id={`${id}-points-error`} role="alert" className="mt-1 text-sm font-medium text-red-700">{error}</p>}
      </div>
    </section>
  );
}
