/**
 * How many writes this process has seen end: every API write request (whatever its outcome) and every scheduled job
 * run. A read kept for a moment (the cockpit's) is served again only while the epoch it was read at still holds, so
 * a write made through this process is seen by the next read; writes made by other processes are bounded by the
 * keep's own short life instead.
 */
let epoch = 0;

export const writeEpoch = (): number => epoch;

export function bumpWriteEpoch(): void {
  epoch += 1;
}
