const MAX_FILENAME = 200;

/**
 * A file name safe to store and show: no directories, no control or bidi-format characters (which can disguise an
 * extension), at most 200 characters with the extension kept. Empty when nothing usable is left.
 */
export function sanitizeFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...clean];
  if (chars.length <= MAX_FILENAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? [...clean.slice(dot)] : [];
  if (ext.length > 20) return chars.slice(0, MAX_FILENAME).join('');
  return [...chars.slice(0, MAX_FILENAME - ext.length), ...ext].join('');
}

/** The name with the extension its type calls for, added when it has a different one (or none). */
export function withExtension(filename: string, extensions: readonly string[]): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
  if (extensions.includes(ext)) return filename;
  const wanted = `.${extensions[0] ?? 'bin'}`;
  return sanitizeFilename(`${[...filename].slice(0, MAX_FILENAME - wanted.length).join('')}${wanted}`);
}

/** A Content-Disposition value: an ASCII fallback name for old clients and the exact name in RFC 5987 form. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
