import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">You do not have access to this page</h1>
      <p>Your account does not have the role this page needs. Ask an administrator if you should have access.</p>
      <Link href="/" className="underline">Back to the home page</Link>
    </div>
  );
}
