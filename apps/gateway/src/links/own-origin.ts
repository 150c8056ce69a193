/**
 * Whether a URL reaches the shortener itself, whatever it calls it: a short link to a short link
 * would make a redirect loop (or hide one). WHATWG URL parsing already folds case, IPv4 in
 * decimal, octal, hex or shortened form (127.1, 0x7f.0.0.1, 2130706433) and IPv6 zeros; what it
 * leaves apart is folded here: a trailing dot (the same DNS name), IPv4-mapped IPv6
 * ([::ffff:127.0.0.1] is 127.0.0.1), and every name of this machine when the shortener's own
 * origin is one (localhost, *.localhost, 127.0.0.0/8, [::1], 0.0.0.0 and [::] all reach the
 * process listening here). Ports compare as numbers, and 80 and 443 as one: a site served on
 * the web's ports answers both, usually with a redirect to its https origin.
 */
const LOOPBACK = 'loopback';
const WEB_PORTS = 'web';

/** `host:port` with the spellings above folded: two URLs with one key reach the same server. */
export function originKey(url: URL): string {
  return `${hostKey(url.hostname)}:${portKey(url)}`;
}

function hostKey(hostname: string): string {
  const host = unmapIpv4(hostname.replace(/^\[|\]$/g, '')).replace(/\.+$/, '');
  return isThisMachine(host) ? LOOPBACK : host;
}

/** `::ffff:7f00:1` (how URL writes ::ffff:127.0.0.1) → `127.0.0.1`. */
function unmapIpv4(host: string): string {
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!mapped) return host;
  const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function isThisMachine(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0' ||
    host === '::'
  );
}

function portKey(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return port === '80' || port === '443' ? WEB_PORTS : port;
}
