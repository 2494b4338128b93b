import { promises as dnsPromises, type LookupAddress, lookup } from 'node:dns';
import { isIP } from 'node:net';
import { invalid } from '../../platform/errors.ts';

/**
 * DUBAN_WEBHOOK_ALLOW_PRIVATE=1 lets webhooks reach loopback and private addresses, over http too: intranet
 * deployments (专有钉钉) and the tests' local receivers need it. Read at every check, so tests can set it.
 */
export const allowsPrivateWebhooks = (): boolean => process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE === '1';

/** [first address, prefix length] of the IPv4 ranges that are not the public Internet. */
const NON_PUBLIC_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (and cloud metadata at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
];

function parseV4(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included), or null. */
function parseV6(address: string): number[] | null {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = parseV4(dotted[1]);
    if (v4 === null) return null;
    text = `${text.slice(0, -dotted[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.map((g) => Number.parseInt(g, 16));
}

function inV4Range(value: number, [first, bits]: [string, number]): boolean {
  const base = parseV4(first) as number;
  const size = 2 ** (32 - bits);
  return value >= base && value < base + size;
}

/** True when an IPv4 or IPv6 address is on the public Internet (not loopback, private, link-local, CGNAT…). */
export function isPublicAddress(address: string): boolean {
  const v4 = parseV4(address);
  if (v4 !== null) return !NON_PUBLIC_V4.some((range) => inV4Range(v4, range));
  const g = parseV6(address);
  if (!g) return false;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embeddedV4 = (hi: number, lo: number) => isPublicAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return false; // :: unspecified
  if (zeroUpTo(7) && g7 === 1) return false; // ::1 loopback
  if (zeroUpTo(5) && g5 === 0xffff) return embeddedV4(g6, g7); // ::ffff:a.b.c.d IPv4-mapped
  if (zeroUpTo(6)) return embeddedV4(g6, g7); // ::a.b.c.d IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return embeddedV4(g6, g7); // 64:ff9b::/96 NAT64
  }
  if (g0 === 0x2002) return embeddedV4(g1, g2); // 2002::/16 6to4
  if ((g0 & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return false; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return false; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return false; // ff00::/8 multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return false; // 2001:db8::/32 documentation
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return false; // 100::/64 discard
  return true;
}

/** A URL's host as an address literal, without IPv6 brackets (else the host name as is). */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Every address a host resolves to (a literal resolves to itself). */
async function resolveAll(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  const found = await dnsPromises.lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * Refuses (422 naming `url`) a webhook URL that is not https, carries credentials, or whose host resolves to an
 * address off the public Internet — unless DUBAN_WEBHOOK_ALLOW_PRIVATE=1, which allows both private addresses and
 * http. Checked when a channel is saved and again before every send.
 */
export async function assertWebhookUrl(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('url', 'not a valid URL');
  }
  const allowPrivate = allowsPrivateWebhooks();
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) throw invalid('url', 'the webhook URL must use https');
  if (url.username || url.password) throw invalid('url', 'the webhook URL must not carry a user name or password');
  if (allowPrivate) return url;
  let addresses: string[];
  try {
    addresses = await resolveAll(bareHost(url));
  } catch {
    throw invalid('url', `the host ${url.hostname} could not be resolved`);
  }
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused !== undefined || addresses.length === 0) {
    throw invalid(
      'url',
      `the host ${url.hostname} resolves to ${refused ?? 'nothing'}, a loopback or private address (set DUBAN_WEBHOOK_ALLOW_PRIVATE=1 for an intranet robot)`,
    );
  }
  return url;
}

type TLookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the HTTP request itself that refuses private addresses again, so that a name which resolved to a
 * public address at the check cannot be re-pointed at an internal one for the connection (DNS rebinding).
 */
export function guardedLookup(hostname: string, options: object, callback: TLookupCallback): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const refused = allowsPrivateWebhooks() ? undefined : list.find((a) => !isPublicAddress(a.address));
    if (refused) {
      return callback(
        Object.assign(new Error(`${hostname} resolves to ${refused.address}, a private address`), {
          code: 'EPRIVATE',
        }),
        [],
      );
    }
    const wantsAll = (options as { all?: boolean }).all === true;
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), []);
    return wantsAll ? callback(null, list) : callback(null, first.address, first.family);
  });
}

/**
 * A webhook URL fit for logs and the delivery list: its query values and long path segments (the access token of
 * DingTalk, the key of WeCom, the hook id of Feishu) masked to their first characters.
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(invalid URL)';
  }
  const mask = (s: string) => `${s.slice(0, 4)}***`;
  const path = url.pathname
    .split('/')
    .map((segment) => (segment.length >= 16 ? mask(segment) : segment))
    .join('/');
  const query = [...url.searchParams].map(([k, v]) => `${k}=${mask(v)}`).join('&');
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ''}`;
}
