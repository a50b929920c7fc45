// Run in the browser when staff sign out: the door page's kept copy and the ticket lists downloaded for use
// without a network (names, critical needs) leave the device. Scans still waiting to sync are kept, so
// nothing checked in offline is lost; they are sent the next time the door page is opened.
import { CHECK_IN_PAGES_CACHE } from "./scope";

const MANIFEST_KEY_PREFIX = "turnout.checkin.manifest.";

export async function forgetCheckInDataOnThisDevice(): Promise<void> {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(MANIFEST_KEY_PREFIX)) localStorage.removeItem(key);
    }
    if ("caches" in window) await caches.delete(CHECK_IN_PAGES_CACHE);
  } catch {
    // Storage unavailable (private mode, quota): nothing was kept there either.
  }
}
