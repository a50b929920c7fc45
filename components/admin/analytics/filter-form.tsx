// The dashboard filter: a plain GET form, so a view is a link staff can share or bookmark.
import type { AnalyticsFilter } from "@/lib/validations/analytics";

const input = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5";

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <p id={id} className="text-sm font-medium text-red-700">{message}</p> : null;
}

export function AnalyticsFilterForm({ filter, errors, courses, venues }: {
  filter: AnalyticsFilter;
  errors: Record<string, string>;
  courses: { id: string; title: string }[];
  venues: { id: string; name: string }[];
}) {
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `a-${name}-error` } : {});
  return (
    <form method="get" action="/admin" role="search" aria-label="Filter the figures"
      className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
      <div>
        <label htmlFor="a-from" className="font-medium">From</label>
        <input id="a-from" name="from" type="date" defaultValue={filter.from} className={input} {...invalid("from")} />
        <FieldError id="a-from-error" message={errors.from} />
      </div>
      <div>
        <label htmlFor="a-to" className="font-medium">To</label>
        <input id="a-to" name="to" type="date" defaultValue={filter.to} className={input} {...invalid("to")} />
        <FieldError id="a-to-error" message={errors.to} />
      </div>
      <div>
        <label htmlFor="a-interval" className="font-medium">Sales per</label>
        <select id="a-interval" name="interval" defaultValue={filter.interval} className={input} {...invalid("interval")}>
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
        <FieldError id="a-interval-error" message={errors.interval} />
      </div>
      <div>
        <label htmlFor="a-course" className="font-medium">Course</label>
        <select id="a-course" name="course" defaultValue={filter.course ?? ""} className={input} {...invalid("course")}>
          <option value="">Any</option>
          {courses.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </select>
        <FieldError id="a-course-error" message={errors.course} />
      </div>
      <div>
        <label htmlFor="a-venue" className="font-medium">Venue</label>
        <select id="a-venue" name="venue" defaultValue={filter.venue ?? ""} className={input} {...invalid("venue")}>
          <option value="">Any</option>
          {venues.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
        <FieldError id="a-venue-error" message={errors.venue} />
      </div>
      <div className="flex gap-2 lg:col-span-5">
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">Show</button>
        <a href="/admin" className="inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-5 py-2.5 font-semibold text-stone-800">Reset</a>
      </div>
    </form>
  );
}
