// Where the door page's service worker lives and what it may touch. Shared by the worker, its build and the
// page that registers it.

/** The worker's script, served by app/check-in-sw.js/route.ts. */
export const CHECK_IN_SW_URL = "/check-in-sw.js";

/** The worker controls the door page only: no other staff page or customer page goes through it. */
export const CHECK_IN_SCOPE = "/admin/check-in";

/** The one page the worker keeps a copy of (for every `?session=` opened on this device). */
export const CHECK_IN_PAGE_PATH = "/admin/check-in";

/** Runtime cache of that page's HTML. Nothing else is cached at run time (no API answer, no other page). */
export const CHECK_IN_PAGES_CACHE = "turnout-check-in-pages";
