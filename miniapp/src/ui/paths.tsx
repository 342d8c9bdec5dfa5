/** Icon shapes, one export each so that every chunk carries only the icons it draws (24×24, stroked). */

export const back = <path d="M15 5l-7 7 7 7" />;

export const check = <path d="M5 12.5l4.5 4.5L19 7.5" />;

export const cross = <path d="M6 6l12 12M18 6L6 18" />;

export const dash = <path d="M6 12h12" />;

export const home = <path d="M4 11l8-7 8 7M6 9.5V20h4.5v-6h3v6H18V9.5" />;

export const village = <path d="M3 20h18M5 20v-7l5-4 5 4v7M15 20v-9l3-2 3 2v9M9 20v-4h2v4" />;

export const family = (
  <>
    <circle cx="8" cy="8" r="3" />
    <circle cx="17" cy="9.5" r="2.5" />
    <path d="M2.5 20c0-3.5 2.5-6 5.5-6s5.5 2.5 5.5 6M13.5 20c.3-2.8 1.8-4.5 3.5-4.5 2 0 3.5 2 3.5 4.5" />
  </>

);

export const head = (
  <>
    <circle cx="12" cy="7.5" r="3.5" />
    <path d="M5 20c0-4 3-6.5 7-6.5s7 2.5 7 6.5M12 13.5l-1.5 3 1.5 3.5 1.5-3.5z" />
  </>

);

export const chart = <path d="M4 20h16M7 17v-5M12 17V7M17 17v-8" />;

export const book = <path d="M4 5.5C6.5 4 9.5 4 12 6c2.5-2 5.5-2 8-.5V19c-2.5-1.5-5.5-1.5-8 .5-2.5-2-5.5-2-8-.5zM12 6v13.5" />;

export const chat = <path d="M4 5h16v11H9l-5 4zM8 9.5h8M8 12.5h5" />;

export const wifiOff = <path d="M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 4.5-2.4M12.5 10a10 10 0 0 1 6.5 2.5M2 9a15 15 0 0 1 4-2.6M10.5 5.1A15 15 0 0 1 22 9M12 20h.01" />;

export const clock = (
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </>

);

export const shield = <path d="M12 3l7.5 3v5.5c0 4.5-3.2 8-7.5 9.5-4.3-1.5-7.5-5-7.5-9.5V6zM8.5 12l2.5 2.5 4.5-5" />;

