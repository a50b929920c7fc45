// The member opt-out form's server action as the form sees it: the page in app/ passes the action in as a prop.

export type OptOutState = { error: string } | { optedOut: true } | null;
export type OptOutAction = (prev: OptOutState, form: FormData) => Promise<OptOutState>;
