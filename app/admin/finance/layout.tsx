import { FinanceNav } from "@/components/finance/finance-nav";
import { requireStaffPage } from "@/lib/auth/guard";

export default async function FinanceLayout({ children }: { children: React.ReactNode }) {
  await requireStaffPage(["finance", "admin"]);
  return (
    <div className="space-y-5">
      <FinanceNav />
      {children}
    </div>
  );
}
