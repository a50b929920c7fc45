"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const tabs = [
  { href: "/admin/finance", label: "Invoices" },
  { href: "/admin/finance/credit-notes", label: "Credit notes" },
];

/** Tabs inside the finance desk. */
export function FinanceNav() {
  const path = usePathname();
  return (
    <nav aria-label="Finance" className="border-b border-stone-300">
      <ul className="flex gap-1 text-sm font-medium">
        {tabs.map((t) => {
          const current = t.href === "/admin/finance" ? path === t.href || path.startsWith("/admin/finance/invoices") : path.startsWith(t.href);
          return (
            <li key={t.href}>
              <Link href={t.href} aria-current={current ? "page" : undefined}
                className={`-mb-px block border-b-2 px-4 py-2 ${current ? "border-brand-700 text-brand-800" : "border-transparent text-stone-700 hover:text-stone-900"}`}>
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
