// The course's cancellation policy in plain words, on the wizard's review step.
export function CancellationPolicySummary({ sentences }: { sentences?: string[] }) {
  if (!sentences?.length) return null;
  return (
    <section aria-labelledby="policy-heading" className="rounded-lg border border-stone-300 bg-white p-4">
      <h2 id="policy-heading" className="font-semibold">Cancellation policy</h2>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" data-testid="review-cancellation-policy">
        {sentences.map((s) => <li key={s}>{s}</li>)}
      </ul>
    </section>
  );
}
