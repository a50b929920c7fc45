import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p>The page you asked for does not exist, or the link is incomplete.</p>
      <Link href="/courses" className="underline">See all courses</Link>
    </div>
  );
}
