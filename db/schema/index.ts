export * from "./catalog";
export * from "./auth";
export * from "./bookings";
export * from "./payments";
