// Small building blocks shared by the email templates.
import { Button, Section, Text } from "@react-email/components";
import { brand } from "./layout";

export type Row = { label: string; value: string; strong?: boolean };

/** Label above value: reads the same on a 320px phone and a desktop client. */
export function Facts({ rows }: { rows: Row[] }) {
  return (
    <Section style={{ backgroundColor: brand[50], borderRadius: "6px", padding: "4px 16px", margin: "0 0 16px" }}>
      {rows.map((r) => (
        <Text key={r.label} style={{ margin: "10px 0", fontSize: "15px", lineHeight: "21px" }}>
          {/* A line break, not a block span, between label and value: the plain-text part keeps them apart too. */}
          <span style={{ fontSize: "12px", letterSpacing: "0.04em", textTransform: "uppercase", color: "#57534e" }}>{r.label}</span>
          <br />
          <span style={{ fontWeight: r.strong ? 700 : 400 }}>{r.value}</span>
        </Text>
      ))}
    </Section>
  );
}

export function ActionButton({ href, children }: { href: string; children: string }) {
  return (
    <Section style={{ margin: "18px 0" }}>
      <Button href={href} style={{
        backgroundColor: brand[700], color: "#ffffff", borderRadius: "6px", padding: "12px 20px", fontSize: "16px", fontWeight: 600,
        textDecoration: "none", display: "inline-block",
      }}>{children}</Button>
    </Section>
  );
}

export function Callout({ children, tone = "brand" }: { children: React.ReactNode; tone?: "brand" | "alert" }) {
  const alert = tone === "alert";
  return (
    <Section style={{
      borderLeft: `4px solid ${alert ? "#b91c1c" : brand.accent}`, backgroundColor: alert ? "#fef2f2" : "#fdf1e4",
      padding: "10px 14px", margin: "0 0 16px",
    }}>
      <Text style={{ margin: 0, fontSize: "15px", lineHeight: "22px" }}>{children}</Text>
    </Section>
  );
}
