// A ticket type form's values, and a new type's: plain data, so that server pages (the "new" page builds the
// empty values) can use them; a value exported from the form's "use client" module cannot be called there.
export type TicketTypeFormValues = {
  currency: string; name: string; description: string; price: string; deposit: string; quota: string; seatClass: string;
  onSaleFrom: string; onSaleUntil: string; minPerBooking: string; maxPerBooking: string; visible: boolean;
};

export const emptyTicketType = (currency: string): TicketTypeFormValues => ({
  currency, name: "", description: "", price: "", deposit: "", quota: "", seatClass: "", onSaleFrom: "", onSaleUntil: "",
  minPerBooking: "0", maxPerBooking: "12", visible: true,
});
