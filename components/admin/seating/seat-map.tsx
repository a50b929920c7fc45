// A seating plan drawn as SVG: each class a colour and a pattern, flags as letters beside the seat, a
// session's seat states as letters on the seat, selection as a dashed ring. No hooks: it renders on the
// server for the plan page and inside the session page's seat picker, which hands each seat what makes it
// operable (its role, name, tab stop and keys) and says which one has the keyboard's focus. The legend says it
// all in words.
import type { SVGProps } from "react";
import {
  classStyles, classesInOrder, FLAG_MARKS, planGeometry, rowLabelPositions, STATE_MARKS, type ClassStyle, type SeatState,
} from "@/lib/seating/draw";
import type { SeatFlag } from "@/lib/seating/plan-seats";

export type MapSeat = {
  id: string; section: string; row: string; number: string; seatClass: string; x: number; y: number; flags: SeatFlag[]; sortOrder: number;
  state?: SeatState;
};

const INK = "#1c1917";

function PatternDef({ id, style, size }: { id: string; style: ClassStyle; size: number }) {
  const w = size / 6;
  const line = { stroke: INK, strokeWidth: w, strokeOpacity: 0.55 };
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width={size} height={size}>
      <rect width={size} height={size} fill={style.colour} />
      {style.pattern === "diagonal" && <path d={`M0,${size} L${size},0 M${-size / 2},${size / 2} L${size / 2},${-size / 2} M${size / 2},${size * 1.5} L${size * 1.5},${size / 2}`} {...line} />}
      {style.pattern === "dots" && <circle cx={size / 2} cy={size / 2} r={size / 5} fill={INK} fillOpacity={0.55} />}
      {style.pattern === "crosshatch" && <path d={`M0,0 L${size},${size} M${size},0 L0,${size}`} {...line} />}
      {style.pattern === "horizontal" && <path d={`M0,${size / 2} L${size},${size / 2}`} {...line} />}
      {style.pattern === "vertical" && <path d={`M${size / 2},0 L${size / 2},${size}`} {...line} />}
      {style.pattern === "checks" && <><rect width={size / 2} height={size / 2} fill={INK} fillOpacity={0.4} /><rect x={size / 2} y={size / 2} width={size / 2} height={size / 2} fill={INK} fillOpacity={0.4} /></>}
    </pattern>
  );
}

export function seatName(s: { section: string; row: string; number: string }) {
  return `${s.section} row ${s.row} seat ${s.number}`;
}

/** Words for a seat: where, class, flags and state, as a tooltip and in lists. */
export function seatDescription(s: MapSeat) {
  const flags = s.flags.map((f) => FLAG_MARKS[f].label.toLowerCase());
  return [seatName(s), s.seatClass, ...flags, ...(s.state ? [STATE_MARKS[s.state].label.toLowerCase()] : [])].join(", ");
}

/** What a picker adds to each seat's group (role, accessible name, tabIndex, ref, key handlers). */
export type SeatProps = SVGProps<SVGGElement> & { ref?: (el: SVGGElement | null) => void };

export function SeatMap({ seats, idPrefix, label, selected, onSeatClick, seatProps, focusedId, describedBy }: {
  seats: MapSeat[]; idPrefix: string; label: string; selected?: ReadonlySet<string>; onSeatClick?: (id: string) => void;
  /** Makes the seats operable: the map is then a group of them instead of one picture. */
  seatProps?: (seat: MapSeat) => SeatProps;
  /** The seat with the keyboard's focus, drawn with a ring. */
  focusedId?: string | null;
  describedBy?: string;
}) {
  const g = planGeometry(seats);
  const styles = classStyles(classesInOrder(seats));
  const r = g.radius;
  const font = r * 1.1;
  const focused = focusedId ? seats.find((s) => s.id === focusedId) : undefined;
  return (
    <svg viewBox={g.viewBox} role={seatProps ? "group" : "img"} aria-label={label} aria-describedby={describedBy} className="h-auto max-h-[70vh] w-full rounded-lg border border-stone-300 bg-white"
      preserveAspectRatio="xMidYMin meet">
      <defs>{[...styles.values()].map((s) => <PatternDef key={s.seatClass} id={`${idPrefix}-class-${s.index}`} style={s} size={r * 0.8} />)}</defs>
      {rowLabelPositions(seats, g.spacing).map((p) => (
        <text key={`${p.section}-${p.row}`} x={p.x} y={p.y} fontSize={font} textAnchor="middle" dominantBaseline="central" fill={INK}>{p.row}</text>
      ))}
      {seats.map((s) => {
        const style = styles.get(s.seatClass)!;
        const mark = s.state ? STATE_MARKS[s.state].symbol : null;
        const isSelected = selected?.has(s.id);
        return (
          <g key={s.id} data-seat={`${s.section} ${s.row}${s.number}`} data-state={s.state}
            onClick={onSeatClick ? () => onSeatClick(s.id) : undefined} style={onSeatClick ? { cursor: "pointer" } : undefined} {...seatProps?.(s)}>
            {/* A tooltip for the pointer; an operable seat has its name from seatProps. */}
            {!seatProps && <title>{seatDescription(s)}</title>}
            <circle cx={s.x} cy={s.y} r={r} fill={`url(#${idPrefix}-class-${style.index})`} stroke={INK} strokeWidth={r * 0.1} />
            {s.state && s.state !== "available" && (
              <>
                <circle cx={s.x} cy={s.y} r={r * 0.62} fill={s.state === "held" ? "#ffffff" : INK} stroke={INK} strokeWidth={r * 0.08} />
                <text x={s.x} y={s.y} fontSize={r * 0.85} fontWeight="700" textAnchor="middle" dominantBaseline="central"
                  fill={s.state === "held" ? INK : "#ffffff"}>{mark}</text>
              </>
            )}
            {s.flags.length > 0 && (
              <text x={s.x + r * 0.75} y={s.y - r * 0.75} fontSize={r * 0.7} fontWeight="700" fill={INK} stroke="#ffffff" strokeWidth={r * 0.12}
                paintOrder="stroke">{s.flags.map((f) => FLAG_MARKS[f].symbol).join("")}</text>
            )}
            {isSelected && <circle cx={s.x} cy={s.y} r={r * 1.22} fill="none" stroke="#0f5132" strokeWidth={r * 0.18} strokeDasharray={`${r * 0.35} ${r * 0.2}`} />}
          </g>
        );
      })}
      {focused && <FocusRing x={focused.x} y={focused.y} r={r} />}
    </svg>
  );
}

/** The keyboard's focus around a seat: a dark ring inside a white one, seen on any class colour and on the page. */
function FocusRing({ x, y, r }: { x: number; y: number; r: number }) {
  return (
    <g aria-hidden="true" pointerEvents="none" data-testid="seat-focus-ring">
      <circle cx={x} cy={y} r={r * 1.55} fill="none" stroke="#ffffff" strokeWidth={r * 0.45} />
      <circle cx={x} cy={y} r={r * 1.55} fill="none" stroke="#1e3a8a" strokeWidth={r * 0.25} />
    </g>
  );
}

/** The key to the map, in words: classes (swatch, pattern name, seat count), flag letters and state letters. */
export function SeatLegend({ seats, idPrefix, states = false }: { seats: MapSeat[]; idPrefix: string; states?: boolean }) {
  const styles = [...classStyles(classesInOrder(seats)).values()];
  const flags = (Object.keys(FLAG_MARKS) as SeatFlag[]).filter((f) => seats.some((s) => s.flags.includes(f)));
  return (
    <div className="flex flex-wrap gap-x-8 gap-y-3 text-sm">
      <div>
        <h3 className="font-semibold">Classes</h3>
        <ul className="mt-1 space-y-1">
          {styles.map((s) => (
            <li key={s.seatClass} className="flex items-center gap-2">
              <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
                <defs><PatternDef id={`${idPrefix}-legend-${s.index}`} style={s} size={7} /></defs>
                <circle cx="11" cy="11" r="9.5" fill={`url(#${idPrefix}-legend-${s.index})`} stroke={INK} strokeWidth="1.2" />
              </svg>
              <span><span className="font-medium">{s.seatClass}</span> ({s.patternName}): {seats.filter((x) => x.seatClass === s.seatClass).length} seats</span>
            </li>
          ))}
        </ul>
      </div>
      {flags.length > 0 && (
        <div>
          <h3 className="font-semibold">Marks beside a seat</h3>
          <ul className="mt-1 space-y-1">
            {flags.map((f) => <li key={f}><span className="inline-block w-5 font-bold">{FLAG_MARKS[f].symbol}</span>{FLAG_MARKS[f].label}</li>)}
          </ul>
        </div>
      )}
      {states && (
        <div>
          <h3 className="font-semibold">Marks on a seat</h3>
          <ul className="mt-1 space-y-1">
            {(["held", "booked", "blocked"] as const).map((st) => (
              <li key={st}><span className="inline-block w-5 font-bold">{STATE_MARKS[st].symbol}</span>{STATE_MARKS[st].label}</li>
            ))}
            <li><span className="inline-block w-5" aria-hidden="true">○</span>No mark: available</li>
          </ul>
        </div>
      )}
    </div>
  );
}
