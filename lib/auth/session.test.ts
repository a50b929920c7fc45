import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { sessionTokenFromCookieHeader } from "./session";

const both = "next-auth.session-token=plain; __Secure-next-auth.session-token=secure; other=1";

describe("sessionTokenFromCookieHeader", () => {
  afterEach(() => {
    delete process.env.NEXTAUTH_URL;
    resetEnvForTests();
  });

  it("reads next-auth's cookie over http", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(sessionTokenFromCookieHeader(both)).toBe("plain");
    expect(sessionTokenFromCookieHeader("other=1")).toBeNull();
    expect(sessionTokenFromCookieHeader(null)).toBeNull();
  });

  it("under https reads only the __Secure- cookie, never one planted without the Secure flag", () => {
    process.env.NEXTAUTH_URL = "https://book.example.com";
    expect(sessionTokenFromCookieHeader(both)).toBe("secure");
    expect(sessionTokenFromCookieHeader("next-auth.session-token=planted")).toBeNull();
  });
});
