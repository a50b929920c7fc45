// The door page's service worker (bundled by ./build.ts, served at /check-in-sw.js, scope /admin/check-in).
// It precaches the app's static files (scripts, styles, fonts: code, no personal data) and keeps the last
// copy of the door page itself, so the page opens and hydrates with no network. API answers are never
// cached here: the session's ticket list is kept by the page (localStorage) and scans are queued there.
import { ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistPlugin } from "serwist";
import { CHECK_IN_PAGE_PATH, CHECK_IN_PAGES_CACHE } from "./scope";

// The precache list, put in place of this name when the worker is bundled (./build.ts). (The project's types
// are the DOM's; serwist brings the worker types it needs.)
declare const self: { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

async function forgetCachedPages() {
  await caches.delete(CHECK_IN_PAGES_CACHE);
}

/**
 * Keeps only a full, signed-in page: a redirect to sign-in, a 401/403 or an error is never stored, and a
 * server that says this device is no longer signed in (or no longer door staff) wipes the kept copies.
 */
const signedInPagesOnly: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && response.type === "basic" && !response.redirected ? response : null),
  fetchDidSucceed: async ({ response }) => {
    if (response.type === "opaqueredirect" || response.redirected || response.status === 401 || response.status === 403) await forgetCachedPages();
    return response;
  },
  // Offline with no copy of this exact URL (say, opened from the home screen without `?session=`): the copy
  // kept last of any session.
  handlerDidError: async ({ request }) => {
    const cache = await caches.open(CHECK_IN_PAGES_CACHE);
    const copies = await cache.matchAll(request, { ignoreSearch: true });
    return copies.at(-1);
  },
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  disableDevLogs: true,
  runtimeCaching: [
    {
      // The page's HTML (navigations, and the page's own request to keep a copy after the worker starts).
      // React Server Component requests (header RSC) and every other URL go to the network untouched.
      matcher: ({ url, request, sameOrigin }) =>
        sameOrigin && url.pathname === CHECK_IN_PAGE_PATH && request.method === "GET" && !request.headers.has("RSC"),
      handler: new NetworkFirst({
        cacheName: CHECK_IN_PAGES_CACHE,
        // A venue's network that hangs is treated as down: the kept page opens after a few seconds.
        networkTimeoutSeconds: 5,
        plugins: [signedInPagesOnly, new ExpirationPlugin({ maxEntries: 10, maxAgeSeconds: 14 * 24 * 60 * 60 })],
      }),
    },
  ],
});

serwist.addEventListeners();
