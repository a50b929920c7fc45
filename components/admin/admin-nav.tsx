"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavLink = { href: string; label: string };

/** The staff navigation; the current section is marked for screen readers too. */
export function AdminNav({ links }: { links: NavLink[] }) {
  const path = usePathname();
  return (
    <nav aria-label="Staff" className="overflow-x-auto">
      <ul className="flex flex-wrap gap-1 text-sm font-medium">
        {links.map((l) => {
          // The dashboard at /admin is current only there, not for every staff page below it.
          const current = path === l.href || (l.href !== "/admin" && path.startsWith(`${l.href}/`));
          return (
            <li key={l.href}>
              <Link href={l.href} aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 ${current ? "bg-brand-700 text-white" : "text-stone-700 hover:bg-stone-200"}`}>
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
