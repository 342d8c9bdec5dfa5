/**
 * The console's door in the first download (main.tsx imports it under /console/): a module without
 * static imports that mounts itself, so the first download holds one short dynamic import and no list
 * of the chunks the console shares with the officers' screens.
 */
void import("./main").then((m) => m.mountConsole(document.getElementById("app")!));
export {};
