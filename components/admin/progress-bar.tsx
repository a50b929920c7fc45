/** A labelled progress bar: the text says the numbers, the bar shows them. */
export function ProgressBar({ label, done, total, doneWord = "done" }: { label: string; done: number; total: number; doneWord?: string }) {
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span>{done} of {total} {doneWord}</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}
        aria-valuetext={`${done} of ${total} ${doneWord}`} className="h-2.5 w-full overflow-hidden rounded-full bg-stone-200">
        <div className={`h-full ${percent === 100 ? "bg-brand-600" : "bg-accent-500"}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
