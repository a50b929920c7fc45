// Members' presale windows, told before a customer chooses: a booking refuses places in an open one for anyone
// but its members (lib/members/member-pricing.ts), so nobody should find out only at payment.
export function PresaleNotice({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="presale-heading" className="max-w-3xl rounded-md border-2 border-accent-500 bg-white p-3" data-testid="presale-notice">
      <h2 id="presale-heading" className="font-bold">Members&apos; presale</h2>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {notices.map((n) => <li key={n}>{n}</li>)}
      </ul>
    </section>
  );
}
