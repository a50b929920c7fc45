"use client";
// Installs the door page's service worker (scope /admin/check-in only) and says when this device can open the
// page with no network. The first visit's page arrived before the worker did, so the worker is asked to keep
// a copy of it once it runs; later visits go through the worker, which keeps the copy fresh.
import { useEffect, useState } from "react";
import { SerwistProvider, useSerwist } from "@serwist/turbopack/react";
import { CHECK_IN_SCOPE, CHECK_IN_SW_URL } from "@/lib/check-in/service-worker/scope";

type Readiness = "preparing" | "ready" | "unavailable" | "development";

const messages: Record<Readiness, string> = {
  preparing: "Saving this page on this device so it opens without a network…",
  ready: "Saved on this device: the check-in page opens without a network.",
  unavailable: "This browser cannot save the page for use without a network: keep this tab open.",
  development: "Saving the page for use without a network is switched off in development.",
};

function Readiness({ development }: { development: boolean }) {
  const { serwist } = useSerwist();
  const [state, setState] = useState<Readiness>(development ? "development" : "preparing");

  useEffect(() => {
    if (development) return;
    if (!serwist || !("serviceWorker" in navigator)) {
      setState("unavailable");
      return;
    }
    let live = true;
    const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
    void (async () => {
      try {
        await navigator.serviceWorker.ready;
        if (!controlledAtLoad) await serwist.messageSW({ type: "CACHE_URLS", payload: { urlsToCache: [window.location.href] } });
        if (live) setState("ready");
      } catch {
        if (live) setState("unavailable");
      }
    })();
    return () => { live = false; };
  }, [serwist, development]);

  return <p aria-live="polite" className="text-sm text-stone-700">{messages[state]}</p>;
}

export function CheckInOfflineSupport() {
  // A worker holding on to development builds would serve stale code while the code is being changed.
  const development = process.env.NODE_ENV === "development";
  return (
    <SerwistProvider swUrl={CHECK_IN_SW_URL} disable={development} cacheOnNavigation={false} reloadOnOnline={false}
      options={{ scope: CHECK_IN_SCOPE, type: "classic" }}>
      <Readiness development={development} />
    </SerwistProvider>
  );
}
