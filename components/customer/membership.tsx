// A signed-in member's fan-club card on "My bookings": level, number, points balance and the ledger.
import { formatDate } from "@/lib/format";
import type { LedgerLine, MemberPoints } from "@/lib/members/ledger";

const levelLabel = { silver: "Silver", gold: "Gold", platinum: "Platinum" } as const;
const kindLabel = { earn: "Earned", reverse: "Taken back (refund)", redeem: "Spent", adjust: "Adjustment", expire: "Expired" } as const;

/** Points a booking spent and got back (its places cancelled, its hold lapsed) read "Given back"; staff's own changes "Adjustment". */
const movement = (row: LedgerLine) => (row.kind === "adjust" && row.bookingId && row.points > 0 ? "Given back" : kindLabel[row.kind]);

export function Membership({ data, timeZone }: { data: MemberPoints; timeZone: string }) {
  const { member, balance, ledger } = data;
  return (
    <section aria-labelledby="membership" className="space-y-3 rounded-lg border border-stone-300 bg-white p-4">
      <h2 id="membership" className="text-xl font-semibold">Membership</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">Level</dt><dd>{levelLabel[member.level]}</dd>
        <dt className="font-medium">Member number</dt><dd className="font-mono">{member.memberNumber}</dd>
        {member.validUntil && <><dt className="font-medium">Valid until</dt><dd>{formatDate(new Date(member.validUntil.getTime() - 1), timeZone)}</dd></>}
        <dt className="font-medium">Points balance</dt><dd data-testid="points-balance"><strong>{balance}</strong></dd>
      </dl>
      <h3 className="text-lg font-semibold">Points history</h3>
      <PointsHistory ledger={ledger} timeZone={timeZone} />
    </section>
  );
}

/** The ledger, newest first. An expire row for a lot spent in full (0 points) only marks it closed: not shown. */
export function PointsHistory({ ledger, timeZone }: { ledger: LedgerLine[]; timeZone: string }) {
  const rows = ledger.filter((row) => row.points !== 0);
  if (rows.length === 0) return <p className="text-stone-700">No points yet: paid bookings earn points.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <thead><tr className="border-b border-stone-300">
          <th scope="col" className="p-2">Date</th><th scope="col" className="p-2">Movement</th>
          <th scope="col" className="p-2 text-right">Points</th><th scope="col" className="p-2">Expires</th>
        </tr></thead>
        <tbody>
          {[...rows].reverse().map((row) => (
            <tr key={row.id} className="border-b border-stone-200" data-testid={`points-${row.kind}`}>
              <td className="p-2">{formatDate(row.createdAt, timeZone)}</td>
              <td className="p-2">{movement(row)}
                {row.bookingReference && <span className="block text-sm text-stone-700">Booking <span className="font-mono">{row.bookingReference}</span></span>}
                {row.kind === "expire" && <span className="block text-sm text-stone-700">Unspent points past their expiry date</span>}</td>
              <td className="p-2 text-right font-mono">{row.points > 0 ? `+${row.points}` : row.points}</td>
              <td className="p-2">{row.expiresAt ? formatDate(row.expiresAt, timeZone) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
