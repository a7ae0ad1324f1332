// `Fn::Cidr` for IPv4: splits a block into `count` subnets of `32 - cidrBits` prefix length.

/** Subnet CIDRs carved from `block`, or undefined when the arguments do not fit. */
export function cidr(block: string, count: number, cidrBits: number): string[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block);
  if (!m || !Number.isInteger(count) || !Number.isInteger(cidrBits)) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32 || count < 1 || count > 256 || cidrBits < 1) return undefined;
  const subnetPrefix = 32 - cidrBits;
  if (subnetPrefix < prefix || 2 ** (subnetPrefix - prefix) < count) return undefined;
  const base = octets.reduce((a, o) => a * 256 + o, 0);
  const start = base - (base % 2 ** (32 - prefix));
  const size = 2 ** cidrBits;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = start + i * size;
    out.push(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${subnetPrefix}`);
  }
  return out;
}
