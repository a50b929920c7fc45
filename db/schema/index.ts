export * from "./catalog";
export * from "./tickets";
export * from "./auth";
export * from "./bookings";
export * from "./payments";
export * from "./invoices";
export * from "./operations";
export * from "./tickets-checkin";
