import { isIP } from 'node:net';

export type IpMode = 'truncate' | 'full' | 'none';

/** Expands an IPv6 address to its eight 16-bit groups, or null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) is two groups written differently.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`
  );
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

/** A socket address as people write it: IPv4-mapped IPv6 (::ffff:1.2.3.4) becomes the IPv4 address. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const address = raw.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIP(mapped[1]) === 4) return mapped[1];
  return isIP(address) ? address.toLowerCase() : null;
}

/** IPv4 keeps its /24 network (a.b.c.0), IPv6 its /48 (a:b:c::); never a host. */
export function truncateIp(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return `${address.split('.').slice(0, 3).join('.')}.0`;
  if (family !== 6) return null;
  const groups = ipv6Groups(address);
  if (!groups) return null;
  return `${groups.slice(0, 3).map((group) => group.toString(16)).join(':')}::`;
}

export function recordedIp(raw: string | null | undefined, mode: IpMode): string | null {
  if (mode === 'none') return null;
  const address = normalizeIp(raw);
  if (!address) return null;
  return mode === 'full' ? address : truncateIp(address);
}

/**
 * The client address: the socket's peer, or, behind one trusted reverse proxy, the address that proxy
 * appended last to X-Forwarded-For. Earlier entries were written by the client and prove nothing.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string | null {
  if (trustProxy && forwardedFor) {
    const last = normalizeIp(forwardedFor.split(',').map((part) => part.trim()).filter(Boolean).at(-1));
    if (last) return last;
  }
  return normalizeIp(socketAddress);
}
