// Fan-club membership levels, in order, as staff name them; shared by the member and session forms.
export const MEMBER_LEVELS = ["silver", "gold", "platinum"] as const;
export type MemberLevelName = (typeof MEMBER_LEVELS)[number];
export const memberLevelLabel: Record<MemberLevelName, string> = { silver: "Silver", gold: "Gold", platinum: "Platinum" };
