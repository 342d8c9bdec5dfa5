/**
 * Icons only the lazily loaded screens draw: kept out of ./paths.tsx, whose icons travel with the
 * first download. Re-exports those too, so a screen imports one namespace.
 */
export * from "./paths";

export const share = <path d="M12 3v12M7 8l5-5 5 5M5 13v7h14v-7" />;

export const search = (
  <>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M16 16l4.5 4.5" />
  </>

);

export const chevron = <path d="M9 5l7 7-7 7" />;

export const bell = <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5h4" />;

export const report = <path d="M6 3h9l4 4v14H6zM14.5 3v4.5H19M9 12h7M9 15.5h7M9 9h3" />;

export const plus = <path d="M12 5v14M5 12h14" />;

export const question = (
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5v.7M12 17h.01" />
  </>

);
