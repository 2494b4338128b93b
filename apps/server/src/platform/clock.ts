/**
 * The platform's clock. Production reads the system time; a test server (DUBAN_TEST_CLOCK=1, refused in production)
 * may set it to another instant so that browser tests can let days pass.
 */
let offsetMs = 0;

/** The current instant. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Moves the clock to the given instant (tests only: the route that calls it exists only on a test server). */
export function setClock(at: Date | null): void {
  offsetMs = at === null ? 0 : at.getTime() - Date.now();
}
