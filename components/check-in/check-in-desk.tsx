"use client";
// The door: scan with the camera (or a photo), search by name or reference, see a large result in colour,
// words and sound. Keeps working offline: the session's manifest is kept in localStorage, scans are
// validated here and queued, and the queue is sent when the network is back.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SessionManifest } from "@/lib/check-in/manifest";
import { validateLocally, type LocalScan } from "@/lib/check-in/offline";
import type { ScanOutcome, Tone } from "@/lib/check-in/outcome";
import { formatTime } from "@/lib/format";
import { useHydrated } from "@/components/ui/use-hydrated";
import { readQrPhoto, watchCamera, type CameraWatch } from "./read-qr";

type QueuedScan = LocalScan & { clientId: string; scannedAt: string; localResult: ScanOutcome["result"] };
type Props = { sessionId: string; staffName: string | null };

const toneStyle: Record<Tone, string> = {
  green: "bg-green-800 text-white border-green-950",
  amber: "bg-amber-300 text-stone-950 border-amber-700",
  red: "bg-red-800 text-white border-red-950",
};
// Amber is never a go-ahead: the ticket was not let in by this scan (already in, already out), and the door looks why.
const toneMark: Record<Tone, string> = { green: "✓ Accepted", amber: "! Stop and check", red: "✕ Refused" };

const key = (name: string, sessionId: string) => `turnout.checkin.${name}.${sessionId}`;

function load<T>(name: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(name);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function beep(tone: Tone) {
  try {
    const ctx = new AudioContext();
    const notes = tone === "green" ? [880] : tone === "amber" ? [520, 520] : [220, 180];
    notes.forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      osc.connect(gain).connect(ctx.destination);
      gain.gain.value = 0.2;
      osc.start(ctx.currentTime + i * 0.2);
      osc.stop(ctx.currentTime + i * 0.2 + 0.15);
    });
  } catch {
    // No sound available: colour and words still say it.
  }
}

export function CheckInDesk({ sessionId, staffName }: Props) {
  const [manifest, setManifest] = useState<SessionManifest | null>(null);
  const [queue, setQueue] = useState<QueuedScan[]>([]);
  const [deviceId, setDeviceId] = useState("");
  const [online, setOnline] = useState(true);
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [syncNote, setSyncNote] = useState<string | null>(null);
  // A name the staff cleared is not sent empty (the server refuses it): the device is then "Door", as stored.
  const deviceName = deviceId.trim() || "Door";
  const [conflicts, setConflicts] = useState<ScanOutcome[]>([]);
  const [search, setSearch] = useState("");
  const [typedCode, setTypedCode] = useState("");
  const [collectedBy, setCollectedBy] = useState("");
  const [camera, setCamera] = useState<"off" | "starting" | "on" | "failed">("off");
  const videoRef = useRef<HTMLVideoElement>(null);
  const controlsRef = useRef<CameraWatch | null>(null);
  // False until this page's script runs: until then no button here would do anything.
  const ready = useHydrated();
  const lastCode = useRef<{ code: string; at: number } | null>(null);
  const manifestRef = useRef<SessionManifest | null>(null);
  const queueRef = useRef<QueuedScan[]>([]);
  manifestRef.current = manifest;
  queueRef.current = queue;

  const keepManifest = useCallback((m: SessionManifest) => {
    setManifest(m);
    manifestRef.current = m;
    localStorage.setItem(key("manifest", sessionId), JSON.stringify(m));
  }, [sessionId]);
  const keepQueue = useCallback((q: QueuedScan[]) => {
    setQueue(q);
    queueRef.current = q;
    localStorage.setItem(key("queue", sessionId), JSON.stringify(q));
  }, [sessionId]);

  const refreshManifest = useCallback(async () => {
    try {
      const res = await fetch(`/api/admin/check-in/sessions/${sessionId}/manifest`, { cache: "no-store" });
      if (!res.ok) return;
      const fresh = (await res.json()) as SessionManifest;
      // Scans still waiting to sync stay applied on top of what the server knows.
      let m = fresh;
      for (const q of queueRef.current) m = (await validateLocally(m, q, { deviceId: "this device", staffName, now: new Date(q.scannedAt) })).manifest;
      keepManifest(m);
    } catch {
      // Offline: keep the copy we have.
    }
  }, [sessionId, staffName, keepManifest]);

  const sync = useCallback(async () => {
    const items = queueRef.current;
    if (items.length === 0) return;
    const device = localStorage.getItem("turnout.checkin.device") ?? "Door";
    try {
      const res = await fetch("/api/admin/check-in/sync", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionId, deviceId: device, items }),
      });
      if (!res.ok) return;
      const body = (await res.json()) as { results: (ScanOutcome & { clientId: string })[]; conflicts: number };
      const done = new Set(body.results.map((r) => r.clientId));
      keepQueue(queueRef.current.filter((q) => !done.has(q.clientId)));
      const found = body.results.filter((r) => r.conflict);
      if (found.length) setConflicts((c) => [...found, ...c]);
      setSyncNote(`Synced ${body.results.length} scan${body.results.length === 1 ? "" : "s"}${found.length ? `; ${found.length} conflict${found.length === 1 ? "" : "s"} (see below)` : ""}.`);
      await refreshManifest();
    } catch {
      // Still offline; try again later.
    }
  }, [sessionId, keepQueue, refreshManifest]);

  useEffect(() => {
    const stored = localStorage.getItem("turnout.checkin.device") ?? `Door ${Math.floor(Math.random() * 90 + 10)}`;
    localStorage.setItem("turnout.checkin.device", stored);
    setDeviceId(stored);
    const m = load<SessionManifest | null>(key("manifest", sessionId), null);
    if (m) { setManifest(m); manifestRef.current = m; }
    const q = load<QueuedScan[]>(key("queue", sessionId), []);
    setQueue(q); queueRef.current = q;
    setOnline(navigator.onLine);
    const up = () => { setOnline(true); void sync(); };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    void (async () => { await sync(); await refreshManifest(); })();
    const timer = window.setInterval(() => { if (navigator.onLine) void (queueRef.current.length ? sync() : refreshManifest()); }, 15_000);
    return () => { window.removeEventListener("online", up); window.removeEventListener("offline", down); window.clearInterval(timer); };
  }, [sessionId, sync, refreshManifest]);

  const show = useCallback((o: ScanOutcome) => {
    setOutcome(o);
    beep(o.tone);
  }, []);

  const scan = useCallback(async (s: LocalScan, method: "camera" | "manual") => {
    const clientId = crypto.randomUUID();
    const scannedAt = new Date();
    if (navigator.onLine) {
      try {
        const res = await fetch("/api/admin/check-in/scan", {
          method: "POST", headers: { "content-type": "application/json" },
          body: JSON.stringify({ sessionId, deviceId: deviceName, method, clientId, ...s }),
        });
        const body = await res.json();
        if (body.outcome) {
          show(body.outcome as ScanOutcome);
          void refreshManifest();
          return;
        }
        if (res.status < 500) {
          setOutcome(null);
          setSyncNote(body.error?.message ?? "The scan could not be sent.");
          return;
        }
      } catch {
        // The network dropped: validate here instead.
      }
    }
    const m = manifestRef.current;
    if (!m) {
      setSyncNote("No ticket list on this device yet: connect once to download it.");
      return;
    }
    const local = await validateLocally(m, s, { deviceId: deviceName, staffName, now: scannedAt });
    keepManifest(local.manifest);
    keepQueue([...queueRef.current, { ...s, clientId, scannedAt: scannedAt.toISOString(), localResult: local.outcome.result }]);
    show(local.outcome);
  }, [sessionId, deviceId, staffName, show, refreshManifest, keepManifest, keepQueue]);

  const onCode = useCallback((code: string) => {
    const now = Date.now();
    // The camera reads the same code many times a second: one scan per code every few seconds.
    if (lastCode.current && lastCode.current.code === code && now - lastCode.current.at < 4000) return;
    lastCode.current = { code, at: now };
    void scan({ action: "check_in", code }, "camera");
  }, [scan]);

  async function startCamera() {
    setCamera("starting");
    try {
      controlsRef.current = await watchCamera(videoRef.current!, onCode);
      setCamera("on");
    } catch {
      setCamera("failed");
    }
  }
  function stopCamera() {
    controlsRef.current?.stop();
    controlsRef.current = null;
    setCamera("off");
  }
  useEffect(() => () => controlsRef.current?.stop(), []);

  async function scanPhoto(file: File) {
    const url = URL.createObjectURL(file);
    const code = await readQrPhoto(url).catch(() => null).finally(() => URL.revokeObjectURL(url));
    if (code === null) {
      show({ result: "malformed", tone: "red", title: "No code found", detail: "No QR code could be read from that photo. Try again or search by name.", ticket: null, checkIn: null });
      return;
    }
    await scan({ action: "check_in", code }, "camera");
  }

  async function undo(checkInId: string) {
    try {
      const res = await fetch("/api/admin/check-in/undo", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ sessionId, deviceId: deviceName, checkInId, clientId: crypto.randomUUID() }),
      });
      const body = await res.json();
      if (body.outcome) show(body.outcome);
      else setSyncNote(body.error?.message ?? "Could not undo.");
      void refreshManifest();
    } catch {
      setSyncNote("Undo needs the network: try again when back online.");
    }
  }

  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!manifest || q.length < 2) return [];
    return manifest.tickets.filter((t) => t.name.toLowerCase().includes(q) || t.reference.toLowerCase().includes(q)).slice(0, 20);
  }, [manifest, search]);

  const valid = manifest?.tickets.filter((t) => !t.voidReason) ?? [];
  const arrived = valid.filter((t) => t.checkIn).length;
  const tz = manifest?.session.timeZone ?? "UTC";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <p role="status" className={`rounded-md px-3 py-1.5 font-semibold ${online ? "bg-stone-100 text-stone-900" : "bg-amber-200 text-stone-950"}`}>
          {!ready ? "Starting…" : <>
            {online ? "Online" : "Offline: checking tickets on this device"}
            {queue.length > 0 ? ` · ${queue.length} scan${queue.length === 1 ? "" : "s"} waiting to sync` : online ? " · all scans synced" : ""}
          </>}
        </p>
        <p><span className="font-semibold">Arrived {arrived}</span> of {valid.length} expected</p>
        <label className="flex items-center gap-2">
          <span>This device</span>
          <input value={deviceId} maxLength={60} className="w-32 rounded-md border border-stone-400 px-2 py-1"
            onChange={(e) => { setDeviceId(e.target.value); localStorage.setItem("turnout.checkin.device", e.target.value || "Door"); }} />
        </label>
      </div>
      <p role="status" className="text-sm text-stone-800">{syncNote ?? ""}</p>

      <section aria-label="Result" aria-live="assertive" aria-atomic="true"
        className={`min-h-40 rounded-xl border-4 p-5 ${outcome ? toneStyle[outcome.tone] : "border-dashed border-stone-300 bg-white text-stone-700"}`}>
        {outcome ? (
          <div className="space-y-2">
            {/* An undo lets nobody in: it is not marked "accepted". */}
            <p className="text-lg font-bold uppercase tracking-wide">{outcome.result === "undone" ? "↺ Undone" : toneMark[outcome.tone]}</p>
            <p className="text-3xl font-bold leading-tight">{outcome.title}</p>
            {outcome.detail && <p className="text-lg">{outcome.detail}</p>}
            {outcome.ticket && outcome.ticket.critical.length > 0 && (
              <ul className="mt-3 space-y-1 rounded-lg border-2 border-current bg-white/95 p-3 text-lg font-bold text-red-900">
                {outcome.ticket.critical.map((c) => <li key={c}>⚠ Critical: {c}</li>)}
              </ul>
            )}
            {/* A device may still hold a list saved before the door was shown answers. */}
            {(outcome.ticket?.doorNotes ?? []).length > 0 && (
              <ul className="mt-3 space-y-1 rounded-lg border-2 border-current bg-white/95 p-3 text-lg font-semibold text-stone-900">
                {outcome.ticket!.doorNotes.map((n) => <li key={n}>{n}</li>)}
              </ul>
            )}
            {outcome.result === "checked_in" && outcome.checkIn?.id && (
              <button type="button" onClick={() => undo(outcome.checkIn!.id!)}
                className="mt-2 min-h-11 rounded-md border-2 border-current bg-transparent px-4 font-semibold">Undo this check-in</button>
            )}
          </div>
        ) : <p className="text-xl">Scan a ticket or search for a name.</p>}
      </section>

      <section aria-labelledby="scan-heading" className="space-y-3">
        <h2 id="scan-heading" className="text-xl font-semibold">Scan</h2>
        <div className="flex flex-wrap gap-3">
          {camera === "on"
            ? <button type="button" onClick={stopCamera} className="min-h-11 rounded-md border border-stone-400 bg-white px-4 font-semibold">Stop camera</button>
            : <button type="button" onClick={startCamera} disabled={!ready || camera === "starting"} className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white disabled:opacity-60">Start camera</button>}
          <label className="inline-flex min-h-11 cursor-pointer items-center rounded-md border border-stone-400 bg-white px-4 font-semibold">
            Scan a photo of a ticket
            <input type="file" accept="image/*" capture="environment" className="sr-only" disabled={!ready}
              onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ""; if (f) void scanPhoto(f); }} />
          </label>
        </div>
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => {
          e.preventDefault();
          const code = typedCode.trim();
          if (!code) return;
          setTypedCode("");
          void scan({ action: "check_in", code }, "manual");
        }}>
          <label className="block">
            <span className="block font-medium">Ticket code</span>
            <span id="typed-code-hint" className="block text-sm text-stone-700">From a handheld scanner, or typed or pasted.</span>
            <input value={typedCode} onChange={(e) => setTypedCode(e.target.value)} maxLength={500} autoComplete="off"
              autoCapitalize="none" autoCorrect="off" spellCheck={false} aria-describedby="typed-code-hint"
              className="mt-1 w-full max-w-md rounded-md border border-stone-400 px-3 py-2 font-mono" />
          </label>
          <button type="submit" disabled={!ready} className="min-h-11 rounded-md border border-stone-400 bg-white px-4 font-semibold disabled:opacity-60">Check code</button>
        </form>
        {camera === "failed" && <p className="text-red-800">The camera could not be started. Allow camera access, or scan a photo, or search by name.</p>}
        <video ref={videoRef} muted playsInline aria-label="Camera view" className={camera === "on" ? "w-full max-w-md rounded-lg bg-black" : "hidden"} />
      </section>

      <section aria-labelledby="search-heading" className="space-y-3">
        <h2 id="search-heading" className="text-xl font-semibold">No ticket with them?</h2>
        <label className="block">
          <span className="block font-medium">Search by name or booking reference</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off"
            className="mt-1 w-full max-w-md rounded-md border border-stone-400 px-3 py-2" />
        </label>
        {manifest?.session.checkOutRequired && (
          <label className="block">
            <span className="block font-medium">Collected by (for check-out)</span>
            <input value={collectedBy} onChange={(e) => setCollectedBy(e.target.value)} maxLength={120}
              className="mt-1 w-full max-w-md rounded-md border border-stone-400 px-3 py-2" />
          </label>
        )}
        {matches.length > 0 && (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-300 bg-white">
            {matches.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <p className="font-semibold">{t.name}</p>
                  <p className="text-sm text-stone-700">
                    {[t.reference, t.ticketType, t.seat].filter(Boolean).join(" · ")}
                    {t.voidReason ? ` · ${t.voidReason === "refunded" ? "Refunded" : "Cancelled"}` : t.checkIn ? ` · In at ${formatTime(t.checkIn.at, tz)} (${t.checkIn.deviceId})` : " · Not arrived"}
                    {!t.voidReason && t.checkIn?.checkedOutAt && ` · Out at ${formatTime(t.checkIn.checkedOutAt, tz)}`}
                  </p>
                  {(t.doorNotes ?? []).map((n) => <p key={n} className="text-sm font-medium text-stone-900">{n}</p>)}
                </div>
                <div className="flex gap-2">
                  {/* A refunded or cancelled ticket is void: nothing to offer but its status above. Someone already in is
                      offered what can still happen: check-out where the session has it, or undoing a check-in made by mistake. */}
                  {!t.voidReason && !t.checkIn && <button type="button" onClick={() => scan({ action: "check_in", ticketId: t.id }, "manual")}
                    className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white" aria-label={`Check in ${t.name}`}>Check in</button>}
                  {!t.voidReason && t.checkIn && !t.checkIn.checkedOutAt && manifest?.session.checkOutRequired && (
                    <button type="button" onClick={() => scan({ action: "check_out", ticketId: t.id, collectedBy: collectedBy.trim() || undefined }, "manual")}
                      className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white" aria-label={`Check out ${t.name}`}>Check out</button>
                  )}
                  {!t.voidReason && t.checkIn?.id && !t.checkIn.checkedOutAt && (
                    <button type="button" onClick={() => undo(t.checkIn!.id!)}
                      className="min-h-11 rounded-md border border-stone-400 bg-white px-4 font-semibold" aria-label={`Undo check-in of ${t.name}`}>Undo check-in</button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        {search.trim().length >= 2 && matches.length === 0 && <p>No one on this session matches “{search.trim()}”.</p>}
      </section>

      {conflicts.length > 0 && (
        <section aria-labelledby="conflicts-heading" className="space-y-2 rounded-lg border-2 border-amber-700 bg-amber-50 p-4">
          <h2 id="conflicts-heading" className="text-lg font-semibold">Conflicts from offline scans</h2>
          <ul className="list-disc pl-5">
            {conflicts.map((c, i) => (
              <li key={i}>{c.ticket?.name ?? "A ticket"}: let in here offline, but {c.title.replace(/^Already checked in/, "already checked in")}. The first check-in stands.</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
