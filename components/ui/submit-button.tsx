"use client";
import { useFormStatus } from "react-dom";
import { Button } from "./button";

/** A form's submit button: busy and disabled while its server action runs, so it cannot double-submit. */
export function SubmitButton(props: React.ComponentProps<typeof Button>) {
  const { pending } = useFormStatus();
  return <Button type="submit" {...props} busy={pending} />;
}
