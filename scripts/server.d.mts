/** Where the server bundle is written, relative to the repository root. */
export declare const SERVER_BUNDLE: string;
/** The server's V8 flags (apps/server/node-flags.json). */
export declare function serverNodeFlags(): string[];
/** Bundles the server; resolves to the bundle's absolute path. */
export declare function buildServer(): Promise<string>;
/** The server's environment: the given one (the process's by default) with the allocator's settings. */
export declare function serverEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
