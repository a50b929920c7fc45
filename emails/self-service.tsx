// Emails of customer self-service: a cancellation confirmed (booker, attendees, staff) and the waiting list
// (joined, places offered).
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Callout, Facts } from "./components/parts";

export type BookingCancelledEmailProps = {
  sellerName: string; bookerName: string; reference: string; course: string; when: string;
  cancelledPlaces: string[]; wholeBooking: boolean; refund: string; refundPercent: number; fee: string | null; depositKept: string | null;
  creditNote: string | null; bookingUrl: string;
  /** Where the refund goes ("to the card you paid with; …"); null when nothing is refunded. */
  refundedHow?: string | null;
};

export function BookingCancelledEmail(p: BookingCancelledEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Cancellation of booking ${p.reference}`} heading={p.wholeBooking ? "Your booking is cancelled" : "Places cancelled"}>
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Text style={paragraph}>{p.wholeBooking ? `Your booking for ${p.course} on ${p.when} is cancelled, as you asked.`
        : `As you asked, these places on ${p.course} (${p.when}) are cancelled: ${p.cancelledPlaces.join(", ")}.`}</Text>
      <Facts rows={[
        { label: "Booking", value: p.reference },
        { label: "Places cancelled", value: p.cancelledPlaces.join(", ") },
        { label: "Refund", value: `${p.refund} (${p.refundPercent}% band of the cancellation policy)`, strong: true },
        ...(p.depositKept ? [{ label: "Deposit kept", value: p.depositKept }] : []),
        ...(p.fee ? [{ label: "Cancellation fee", value: p.fee }] : []),
        ...(p.creditNote ? [{ label: "Credit note", value: p.creditNote }] : []),
      ]} />
      {p.refundedHow && <Text style={paragraph}>The refund goes back {p.refundedHow}.</Text>}
      {p.wholeBooking && <Text style={paragraph}>The calendar file attached removes the event from your calendar.</Text>}
      <ActionButton href={p.bookingUrl}>See your booking</ActionButton>
    </EmailLayout>
  );
}

export function AttendeeCancelledEmail(p: { sellerName: string; name: string; course: string; when: string; reference: string }) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Your place on ${p.course} is cancelled`} heading="Your place is cancelled">
      <Text style={paragraph}>Hello {p.name},</Text>
      <Text style={paragraph}>The person who booked for you has cancelled your place on {p.course} on {p.when} (booking {p.reference}). Your ticket no longer admits you; the calendar file attached removes the event from your calendar.</Text>
    </EmailLayout>
  );
}

export function AdminBookingCancelledEmail(p: { sellerName: string; reference: string; course: string; when: string; places: number; refund: string; creditNote: string | null; bookingUrl: string }) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Booking ${p.reference}: customer cancelled ${p.places} place(s)`} heading="A customer cancelled">
      <Facts rows={[
        { label: "Booking", value: p.reference }, { label: "Course", value: p.course }, { label: "When", value: p.when },
        { label: "Places cancelled", value: String(p.places) }, { label: "Refund", value: p.refund },
        ...(p.creditNote ? [{ label: "Credit note", value: p.creditNote }] : []),
      ]} />
      <Text style={paragraph}>The places are back on sale and offered to the waiting list first.</Text>
      <ActionButton href={p.bookingUrl}>Open the booking</ActionButton>
    </EmailLayout>
  );
}

export function WaitlistJoinedEmail(p: { sellerName: string; course: string; when: string; places: number; leaveUrl: string }) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`You are on the waiting list for ${p.course}`} heading="You are on the waiting list">
      <Text style={paragraph}>You are on the waiting list for {p.places} place{p.places === 1 ? "" : "s"} on <strong>{p.course}</strong>, {p.when}.</Text>
      <Text style={paragraph}>When places free up, we email the first person waiting whose request fits and hold the places for them for a while.
        If you no longer want them, leave the list with the link below.</Text>
      <ActionButton href={p.leaveUrl}>Leave the waiting list</ActionButton>
    </EmailLayout>
  );
}

export function WaitlistOfferEmail(p: { sellerName: string; course: string; when: string; places: number; until: string; offerUrl: string; leaveUrl: string }) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Places are free on ${p.course}`} heading="Places are free for you">
      <Callout>We are holding {p.places} place{p.places === 1 ? "" : "s"} on <strong>{p.course}</strong>, {p.when}, for you until {p.until}.</Callout>
      <Text style={paragraph}>Book {p.places === 1 ? "it" : "them"} with the button below before then; after that {p.places === 1 ? "it goes" : "they go"} to the next person waiting.</Text>
      <ActionButton href={p.offerUrl}>{p.places === 1 ? "Book your place" : "Book your places"}</ActionButton>
      {/* No full stop after the link: the text part prints its address there, and a mail client would take the
          stop into the link, breaking its token. */}
      <Text style={paragraph}>Not needed any more? You can <a href={p.leaveUrl}>leave the waiting list</a> at any time</Text>
    </EmailLayout>
  );
}
