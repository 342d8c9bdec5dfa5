/**
 * Icons drawn inline (shapes in ./paths.tsx) (SVG, stroke = currentColor): zmp-ui's icon font comes from a CDN that may be
 * unreachable, and a font of hundreds of glyphs is heavier than the twenty used here.
 */
import type { ReactNode } from "react";




export function Icon({ p, size = 24, className }: { p: ReactNode; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `ic ${className}` : "ic"}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {p}
    </svg>
  );
}

/** The "Gia đình số" badge: a rosette with a house, shown when the household meets everything. */
export function Badge({ size = 72 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 72 72" role="img" aria-label="Huy hiệu Gia đình số">
      <path d="M22 50l-6 18 10-5 6 8 4-16zM50 50l6 18-10-5-6 8-4-16z" fill="#d9480f" />
      <circle cx="36" cy="32" r="26" fill="#f59f00" />
      <circle cx="36" cy="32" r="20" fill="#ffd43b" stroke="#fff" strokeWidth="2" />
      <path d="M25 33l11-9 11 9M28.5 31v10h15V31" fill="none" stroke="#c2410c" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M33.5 36.5l2 2 4-4" fill="none" stroke="#2b8a3e" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
