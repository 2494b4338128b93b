import pg from 'pg';

/**
 * The database role the platform runs as: it reads and writes the records but owns nothing, so it can neither alter
 * a table, turn a trigger off, nor lift the audit log's rules. The owner role (the embedded server's superuser, or
 * DATABASE_OWNER_URL's role) runs the migrations and grants this one what it needs after each.
 */
export const RUNTIME_ROLE = 'duban_app';

/** The audit log's columns the runtime role may write: an entry's own fields, never its place in the chain. */
const AUDIT_INSERT_COLUMNS = [
  'at',
  'actor_id',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'before',
  'after',
  'ip',
  'entry_hash',
];

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The URL with another user and password (same server and database). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Creates the runtime role on the owner's server unless it exists: a login role with no power beyond its grants
 * (not a superuser, cannot create roles or databases, cannot bypass row security or replicate). An existing role
 * gets this password only when `setPassword` (the embedded server, whose password file is the only record of it).
 */
export async function ensureRuntimeRole(ownerUrl: string, role: string, password: string, setPassword = true) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    const literal = (await client.query<{ p: string }>('select quote_literal($1) as p', [password])).rows[0]?.p;
    const options = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${literal}`;
    if (found.rowCount === 0) {
      try {
        await client.query(`create role ${quoteIdent(role)} ${options}`);
      } catch (error) {
        // Another process created it at the same moment.
        if ((error as { code?: string }).code !== '42710') throw error;
      }
    } else if (setPassword) {
      await client.query(`alter role ${quoteIdent(role)} ${options}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Grants the runtime role what the platform needs, run by the owner after the migrations (so new tables are
 * covered): read and write every table, use every sequence — except the audit log, which it may only read and
 * append to (its entry's fields, not the chain columns), and the chain's head, which it may only read. The chain
 * moves only through the seal, a function of the owner's (`audit_log_seal`, SECURITY DEFINER). It may read the
 * migration level (and so back the database up, `npm run backup`).
 */
export async function grantRuntimeRole(client: pg.Pool | pg.Client, role: string): Promise<void> {
  const r = quoteIdent(role);
  await client.query(`
    revoke create on schema public from public;
    grant usage on schema public to ${r};
    grant select, insert, update, delete on all tables in schema public to ${r};
    grant usage, select on all sequences in schema public to ${r};
    revoke insert, update, delete, truncate, references, trigger on audit_log, audit_chain from ${r};
    grant insert (${AUDIT_INSERT_COLUMNS.join(', ')}) on audit_log to ${r};
    grant usage on schema drizzle to ${r};
    grant select on drizzle.__drizzle_migrations to ${r};
    grant select on all sequences in schema drizzle to ${r};
  `);
}

/**
 * What makes the connected role more than a runtime role: a superuser, or the owner of the audit log (either can
 * turn its rules off). Empty when the role is as it should be.
 */
export async function runtimeRoleRisks(client: pg.Pool | pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ role: string; superuser: boolean; owns: boolean }>(`
    select current_user as role,
      (select rolsuper from pg_roles where rolname = current_user) as superuser,
      coalesce((select pg_has_role(current_user, relowner, 'usage') from pg_class
        where oid = to_regclass('public.audit_log')), false) as owns`);
  const row = rows[0];
  if (!row) return [];
  const risks: string[] = [];
  if (row.superuser) risks.push(`the database role "${row.role}" is a superuser`);
  else if (row.owns) risks.push(`the database role "${row.role}" owns the audit log`);
  return risks;
}
