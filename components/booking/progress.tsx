import type { Step, StepId } from "./types";

// `steps`: the steps this booking goes through (seats only for reserved seating, questions only when the
// course asks some).
export function Progress({ current, steps }: { current: StepId; steps: readonly Step[] }) {
  const index = steps.findIndex((s) => s.id === current);
  return (
    <nav aria-label="Booking progress" className="mb-6">
      <p className="mb-2 text-sm font-medium text-stone-700">Step {index + 1} of {steps.length}: {steps[index].title}</p>
      <ol className="flex gap-1" role="list">
        {steps.map((s, i) => (
          <li key={s.id} className="flex-1" aria-current={i === index ? "step" : undefined}>
            <span className={`block h-2 rounded-full ${i < index ? "bg-brand-600" : i === index ? "bg-accent-500" : "bg-stone-300"}`} aria-hidden="true" />
            <span className="mt-1 hidden text-xs text-stone-700 sm:block">
              {s.title}<span className="sr-only">{i < index ? " (done)" : i === index ? " (current)" : ""}</span>
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
