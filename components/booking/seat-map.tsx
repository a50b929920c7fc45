"use client";
// The drawn seat plan: each class in its colour and pattern, each state with its own mark, zoomable by buttons
// and pannable by scrolling. Seats are chosen by pointer or by keyboard: the plan is one tab stop, the arrow
// keys move between seats (lib/seating/map-keys.ts) and Enter or Space chooses or frees the seat. The lists
// below the plan do the same job seat by seat.
import { useMemo, useState } from "react";
import { useRovingSeats } from "@/components/ui/roving-seats";
import { classStyles, flagText, inMapUnits, mapViewBox, rowLabels, SEAT_SIZE, sectionLabels, type ClassStyle } from "@/lib/seating/map-style";

export type MapSeat = {
  id: string; section: string; row: string; number: string; seatClass: string; x: number; y: number;
  flags: string[]; sortOrder: number; state: "available" | "held" | "booked" | "blocked";
};

const ZOOMS = [1, 1.5, 2, 3] as const;
const HALF = SEAT_SIZE / 2;

/** The pattern of a class: its colour with white marks (none for the first class). */
function ClassPattern({ style }: { style: ClassStyle }) {
  return (
    <pattern id={style.patternId} patternUnits="userSpaceOnUse" width="6" height="6">
      <rect width="6" height="6" fill={style.fill} />
      {style.pattern === "stripes" && <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" strokeWidth="1.3" />}
      {style.pattern === "dots" && <circle cx="3" cy="3" r="1.2" fill="#fff" />}
      {style.pattern === "checks" && <path d="M0,3 h6 M3,0 v6" stroke="#fff" strokeWidth="1" />}
    </pattern>
  );
}

/**
 * One seat's look for a state; also used, alone, as the legend's swatches. Hidden from assistive technology: the
 * seat's accessible name says in words what its marks show (the attendee's number, W for a wheelchair space).
 */
export function SeatShape({ x, y, state, fill, mark, number }: {
  x: number; y: number; state: "available" | "selected" | "taken" | "blocked"; fill?: string; mark?: string; number?: number;
}) {
  const box = { x: x - HALF, y: y - HALF, width: SEAT_SIZE, height: SEAT_SIZE, rx: 5 };
  if (state === "selected")
    return (
      <g aria-hidden="true">
        <rect {...box} fill="#111827" stroke="#f59e0b" strokeWidth="3" />
        <text x={x} y={y + 4.5} textAnchor="middle" fontSize="13" fontWeight="700" fill="#fff">{number ?? "✓"}</text>
      </g>
    );
  if (state === "taken")
    return (
      <g aria-hidden="true">
        <rect {...box} fill="#e7e5e4" stroke="#78716c" />
        <path d={`M${x - 6},${y - 6} L${x + 6},${y + 6} M${x + 6},${y - 6} L${x - 6},${y + 6}`} stroke="#44403c" strokeWidth="2.2" />
      </g>
    );
  return (
    <g aria-hidden="true">
      {state === "blocked"
        ? <><rect {...box} fill="#fff" stroke="#57534e" strokeWidth="1.5" strokeDasharray="3 2" /><path d={`M${x - 6},${y} H${x + 6}`} stroke="#57534e" strokeWidth="2.2" /></>
        : <rect {...box} fill={fill} stroke="#1c1917" strokeWidth="0.75" />}
      {mark && state === "available" && (
        <>
          <circle cx={x} cy={y} r="7.5" fill="#fff" />
          <text x={x} y={y + 3.5} textAnchor="middle" fontSize="10" fontWeight="700" fill="#111827">{mark}</text>
        </>
      )}
    </g>
  );
}

export function SeatMap({ seats: planSeats, planName, chosenBy, describe, onSeat }: {
  seats: MapSeat[];
  planName: string;
  /** Attendee number (1-based) holding each chosen seat. */
  chosenBy: Map<string, number>;
  /** The seat's accessible name, with its state. */
  describe: (seat: MapSeat) => string;
  onSeat: (seat: MapSeat) => void;
}) {
  const [zoom, setZoom] = useState(0);
  const seats = useMemo(() => inMapUnits(planSeats), [planSeats]);
  const box = mapViewBox(seats);
  const styles = classStyles(seats);
  const styleOf = new Map(styles.map((s) => [s.seatClass, s]));
  const scale = ZOOMS[zoom];
  // The plan's tab stop: the last seat moved to or chosen, else the first seat chosen.
  const { seatFocusProps, focusedId, moveTo } = useRovingSeats(seats, seats.find((s) => chosenBy.has(s.id))?.id,
    (id) => { const seat = seats.find((s) => s.id === id); if (seat) onSeat(seat); });
  const focused = seats.find((s) => s.id === focusedId);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Zoom the seat map">
        <button type="button" className="min-h-11 rounded-md border border-stone-400 bg-white px-4 font-semibold disabled:text-stone-400"
          onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0}>Zoom out</button>
        <button type="button" className="min-h-11 rounded-md border border-stone-400 bg-white px-4 font-semibold disabled:text-stone-400"
          onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))} disabled={zoom === ZOOMS.length - 1}>Zoom in</button>
        <span className="text-sm text-stone-700" aria-live="polite">{Math.round(scale * 100)}%</span>
      </div>
      <p id="seat-map-keys" className="text-sm text-stone-700">
        With a keyboard: Tab to the plan, move between seats with the arrow keys (Home and End go to the ends of a row, Page Up
        and Page Down five rows), and press Enter or Space to choose or free a seat.
      </p>
      <div role="region" aria-label={`Seat map, ${planName}`} className="max-h-[70vh] overflow-auto rounded-lg border border-stone-300 bg-white">
        <svg viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`} style={{ width: `${scale * 100}%`, minWidth: `${scale * 320}px` }}
          role="group" aria-label={`${planName}: every seat with its state`} aria-describedby="seat-map-keys"
          className="block touch-pan-x touch-pan-y select-none">
          <defs>{styles.map((s) => <ClassPattern key={s.patternId} style={s} />)}</defs>
          <g aria-hidden="true">
            <rect x={box.x + box.width * 0.2} y={box.y + 4} width={box.width * 0.6} height={18} rx="4" fill="#44403c" />
            <text x={box.x + box.width / 2} y={box.y + 17} textAnchor="middle" fontSize="12" fontWeight="700" fill="#fff">STAGE</text>
            {sectionLabels(seats).map((l) => (
              <text key={l.section} x={l.x} y={l.y + 4} textAnchor="middle" fontSize="13" fontWeight="700" fill="#1c1917">{l.section}</text>
            ))}
            {rowLabels(seats).map((l) => (
              <text key={l.key} x={l.x} y={l.y + 4} textAnchor="middle" fontSize="11" fontWeight="600" fill="#44403c">{l.row}</text>
            ))}
          </g>
          {seats.map((s) => {
            const chosen = chosenBy.get(s.id);
            const state = chosen ? "selected" : s.state === "available" ? "available" : s.state === "blocked" ? "blocked" : "taken";
            const style = styleOf.get(s.seatClass);
            return (
              <g key={s.id} role="button" aria-label={describe(s)} aria-disabled={state === "taken" || state === "blocked" ? true : undefined}
                data-seat-id={s.id} {...seatFocusProps(s.id)} onClick={() => { moveTo(s.id); onSeat(s); }}
                className={`outline-none ${state === "available" || state === "selected" ? "cursor-pointer" : "cursor-not-allowed"}`}>
                <SeatShape x={s.x} y={s.y} state={state} fill={style ? `url(#${style.patternId})` : "#78716c"} number={chosen}
                  mark={s.flags.map((f) => flagText[f]?.mark).filter(Boolean)[0]} />
              </g>
            );
          })}
          {focused && <FocusRing x={focused.x} y={focused.y} />}
        </svg>
      </div>
    </div>
  );
}

/** The keyboard focus around a seat: a dark ring inside a white one, seen on any seat colour and on the page. */
function FocusRing({ x, y }: { x: number; y: number }) {
  const box = (grow: number) => ({ x: x - HALF - grow, y: y - HALF - grow, width: SEAT_SIZE + 2 * grow, height: SEAT_SIZE + 2 * grow, rx: 5 + grow });
  return (
    <g aria-hidden="true" pointerEvents="none" data-testid="seat-focus-ring">
      <rect {...box(3)} fill="none" stroke="#fff" strokeWidth="4" />
      <rect {...box(3)} fill="none" stroke="#1e3a8a" strokeWidth="2.5" />
    </g>
  );
}

/** What each colour, pattern and mark means. */
export function SeatLegend({ seats, classNames }: { seats: MapSeat[]; classNames: Map<string, string> }) {
  const styles = classStyles(seats);
  const flags = [...new Set(seats.flatMap((s) => s.flags))];
  const swatch = (node: React.ReactNode) => (
    // The patterns are defined once, in the map's own drawing.
    <svg viewBox={`0 0 ${SEAT_SIZE + 4} ${SEAT_SIZE + 4}`} width="28" height="28" aria-hidden="true" className="shrink-0">
      {node}
    </svg>
  );
  const c = HALF + 2;
  const pattern = { solid: "solid colour", stripes: "striped", dots: "dotted", checks: "checked" };
  return (
    <div className="rounded-lg border border-stone-300 bg-white p-4">
      <h3 className="font-semibold">Key to the seat map</h3>
      <ul className="mt-2 grid gap-2 sm:grid-cols-2">
        {styles.map((s) => (
          <li key={s.seatClass} className="flex items-center gap-2">
            {swatch(<SeatShape x={c} y={c} state="available" fill={`url(#${s.patternId})`} />)}
            <span>{s.seatClass} seat ({pattern[s.pattern]}){classNames.get(s.seatClass) ? `: ${classNames.get(s.seatClass)}` : ""}</span>
          </li>
        ))}
        <li className="flex items-center gap-2">{swatch(<SeatShape x={c} y={c} state="selected" number={1} />)}<span>Chosen: the number of the attendee who sits there</span></li>
        <li className="flex items-center gap-2">{swatch(<SeatShape x={c} y={c} state="taken" />)}<span>Taken (a cross)</span></li>
        <li className="flex items-center gap-2">{swatch(<SeatShape x={c} y={c} state="blocked" />)}<span>Not for sale (dashed outline and a dash)</span></li>
        {flags.map((f) => (
          <li key={f} className="flex items-center gap-2">
            {swatch(<SeatShape x={c} y={c} state="available" fill="#78716c" mark={flagText[f]?.mark} />)}
            <span>
              {flagText[f]?.mark}: {flagText[f]?.label}
              {f === "wheelchair" && ", offered to attendees who asked for step-free access or use a wheelchair"}
              {f === "companion" && ", beside a wheelchair space"}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
