import type { Metadata } from "next";
import { AdminNav, type NavLink } from "@/components/admin/admin-nav";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { signOut } from "@/app/admin/actions";
import { requireStaffPage, type Role } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { default: "Staff", template: "%s · Turnout staff" }, robots: { index: false } };

// Links shown per role. Hiding a link is a courtesy: every page checks the role itself.
const links: (NavLink & { roles: Role[] })[] = [
  { href: "/admin", label: "Dashboard", roles: ["admin", "finance"] },
  { href: "/admin/check-in", label: "Check-in", roles: ["admin", "door"] },
  { href: "/admin/requirements", label: "Requirements", roles: ["admin"] },
  { href: "/admin/sessions", label: "Sessions", roles: ["admin"] },
  { href: "/admin/courses", label: "Courses", roles: ["admin"] },
  { href: "/admin/offerings", label: "Time slots", roles: ["admin"] },
  { href: "/admin/venues", label: "Venues", roles: ["admin"] },
  { href: "/admin/requirement-templates", label: "Requirement types", roles: ["admin"] },
  { href: "/admin/bookings", label: "Bookings", roles: ["admin", "finance"] },
  { href: "/admin/discounts", label: "Discounts", roles: ["admin"] },
  { href: "/admin/members", label: "Members", roles: ["admin"] },
  { href: "/admin/finance", label: "Finance", roles: ["admin", "finance"] },
  { href: "/admin/users", label: "Staff", roles: ["admin"] },
  { href: "/admin/privacy", label: "Personal data", roles: ["admin"] },
  { href: "/admin/webhooks", label: "Webhooks", roles: ["admin"] },
  { href: "/admin/api-keys", label: "API keys", roles: ["admin"] },
  { href: "/admin/audit", label: "Audit log", roles: ["admin"] },
];

const roleLabel: Record<Role, string> = { admin: "Admin", finance: "Finance", door: "Door" };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaffPage(["admin", "finance", "door"]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-300 pb-3">
        <AdminNav links={links.filter((l) => l.roles.includes(staff.role)).map(({ href, label }) => ({ href, label }))} />
        <div className="flex items-center gap-3 text-sm">
          <span className="text-stone-700">{staff.name ?? staff.email} · <span className="font-medium">{roleLabel[staff.role]}</span></span>
          <SignOutButton signOut={signOut} />
        </div>
      </div>
      {children}
    </div>
  );
}
