// The sign-in email goes through the shared delivery path; over SMTP its link is not kept in the database.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailMessages } from "@/db/schema";
import { db } from "../fixtures";
import { uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { sendMagicLink } from "@/lib/auth/magic-link-email";

const mail = receiveMailForTests();

describe("sendMagicLink", () => {
  it("sends the link by SMTP with an HTML and a text part, and stores the message without its body", async () => {
    const to = uniqueEmail("staff");
    const url = "http://localhost:3000/api/auth/callback/email?token=secret-token&email=x";
    await sendMagicLink(db(), { to, url, minutes: 15 });

    const [received] = mail.to(to);
    expect(received.subject).toBe("Your Turnout staff sign-in link");
    expect(received.text).toContain(url);
    expect(received.html).toContain("secret-token");

    const [row] = await db().select().from(emailMessages).where(eq(emailMessages.toAddress, to));
    expect(row).toMatchObject({ kind: "staff_sign_in", status: "sent", transport: "smtp", html: null, text: null });
  });
});
