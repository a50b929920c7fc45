// A real SMTP server in the test process that receives what the app sends (SMTP_URL pointed at it), and
// receiveMailForTests, which starts it for a file's (or a describe block's) tests and stops it after.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { withEnv } from "./finance-fixtures";

/**
 * Before the tests of the enclosing file or describe block: starts a server and points SMTP_URL at it, with
 * `vars` set beside it (ADMIN_ALERT_EMAILS, MAIL_FROM...). After them: restores those variables and stops
 * the server. The returned server answers once the tests run; hooks registered after this call run after its
 * start and, in vitest's stack order, finish before it stops.
 */
export function receiveMailForTests(vars: Record<string, string | undefined> = {}): MailServer {
  let server: MailServer | undefined;
  let restoreEnv: (() => void) | undefined;
  beforeAll(async () => {
    server = await startMailServer();
    restoreEnv = withEnv({ SMTP_URL: server.url, ...vars });
  });
  afterAll(async () => {
    restoreEnv?.();
    await server?.stop();
  });
  const live = () => {
    if (!server) throw new Error("The test mail server starts before the tests (receiveMailForTests registers a beforeAll)");
    return server;
  };
  return {
    get port() { return live().port; },
    get url() { return live().url; },
    get received() { return live().received; },
    to: (address) => live().to(address),
    arrivals: () => live().arrivals(),
    hold: () => live().hold(),
    stop: () => live().stop(),
    start: () => live().start(),
  };
}


export type MailServer = {
  port: number;
  url: string;
  /** Every message accepted, repeats included. */
  received: ParsedMail[];
  /** Mail whose To includes `address`. */
  to(address: string): ParsedMail[];
  /** Messages whose DATA has arrived, accepted or still held. */
  arrivals(): number;
  /**
   * Holds every message at the end of DATA, unanswered, until the returned function is called: the sender
   * stays between "handed to SMTP" and "accepted", so a test can see what others do meanwhile.
   */
  hold(): () => void;
  stop(): Promise<void>;
  start(): Promise<void>;
};

/** What a receiver that de-duplicates by Message-ID keeps of `mails`: the first of each Message-ID. */
export function distinctByMessageId(mails: ParsedMail[]): ParsedMail[] {
  const seen = new Set<string>();
  return mails.filter((m) => {
    if (!m.messageId) return true;
    if (seen.has(m.messageId)) return false;
    seen.add(m.messageId);
    return true;
  });
}

export async function startMailServer(): Promise<MailServer> {
  const received: ParsedMail[] = [];
  let arrivals = 0;
  let gate: Promise<void> | null = null;
  const make = () => new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      arrivals++;
      const held = gate;
      simpleParser(stream).then(async (mail) => {
        await held;
        received.push(mail);
        callback();
      }, callback);
    },
  });
  let server = make();
  let listening = false;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  listening = true;
  const port = (server.server.address() as AddressInfo).port;
  const recipients = (m: ParsedMail) => [m.to].flat().flatMap((a) => a?.value ?? []).map((v) => v.address?.toLowerCase());
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((m) => recipients(m).includes(address.toLowerCase())),
    arrivals: () => arrivals,
    hold: () => {
      let release!: () => void;
      gate = new Promise<void>((resolve) => { release = resolve; });
      return () => {
        gate = null;
        release();
      };
    },
    stop: async () => {
      if (!listening) return;
      listening = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    // Starting a server that is already up does nothing (a test's cleanup may start it again).
    start: async () => {
      if (listening) return;
      server = make();
      await new Promise<void>((resolve, reject) => {
        server.server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      });
      listening = true;
    },
  };
}

