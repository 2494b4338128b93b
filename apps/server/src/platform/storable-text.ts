/** A NUL character, which PostgreSQL text cannot hold, or half of a surrogate pair, which no encoding can. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path (dot-separated, e.g. `charter.goal`) of the first string in a request's body, query or params that
 * cannot be stored as text, or null. Checked once at the edge for every route, before its schema.
 */
export function findUnstorableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const found = findUnstorableText(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
