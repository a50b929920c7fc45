import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { members } from "@/db/schema";
import { MemberOptOutForm } from "@/components/members/opt-out-form";
import { optOutOfMemberEmailsAction } from "@/app/(shop)/members/actions";
import { verifyMemberOptOutToken } from "@/lib/members/notifications";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Member emails", robots: { index: false } };

// Showing the page writes nothing (mail scanners open links); the one click is the button.
export default async function MemberOptOutPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string }> }) {
  const { id } = await params;
  const { token } = await searchParams;
  // A wrong link and an unknown member answer the same 404.
  if (!isUuid(id) || !verifyMemberOptOutToken(id, token)) notFound();
  const [member] = await getDb().select({ email: members.email, optedOutAt: members.notificationsOptedOutAt }).from(members).where(eq(members.id, id));
  if (!member) notFound();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">Member emails</h1>
      <p>Stop the emails we send to members ({member.email}) when a new session opens. Your membership and points stay as they are.</p>
      <MemberOptOutForm memberId={id} token={token!} optedOut={member.optedOutAt !== null} optOutOfMemberEmailsAction={optOutOfMemberEmailsAction} />
    </div>
  );
}
