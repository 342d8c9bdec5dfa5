/**
 * The console's door in the first download (main.tsx): a module without static imports, so the first
 * download names one small chunk, not the list of chunks the console shares with the officers' screens.
 */
export async function bootConsole(el: HTMLElement): Promise<void> {
  (await import("./main")).mountConsole(el);
}
