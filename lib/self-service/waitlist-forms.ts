// The waiting-list forms' server actions as the forms see them: the pages in app/ pass the actions in as props.

export type WaitlistJoinResult = { ok: true; email: string } | { ok: false; message: string; fields?: Record<string, string> };
export type JoinWaitlistAction = (payload: unknown) => Promise<WaitlistJoinResult>;

export type LeaveState = { error: string } | { left: true } | null;
export type LeaveWaitlistAction = (prev: LeaveState, form: FormData) => Promise<LeaveState>;

export type OfferState = { error: string } | null;
export type BookWithOfferAction = (prev: OfferState, form: FormData) => Promise<OfferState>;
