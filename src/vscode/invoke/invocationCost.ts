// What an invocation would have cost in the cloud: GB-seconds from memory and billed duration at the
// architecture's price, plus the per-request charge. Pure, so the result view and tests share it.

/** Lambda's on-demand prices (per request and per GB-second by architecture); a user setting. */
export interface PriceTable {
  readonly currency: string;
  readonly perRequest: number;
  readonly perGbSecondX86: number;
  readonly perGbSecondArm: number;
}

export interface InvocationCost {
  readonly gbSeconds: number;
  readonly computeCost: number;
  readonly requestCost: number;
  readonly total: number;
}

/** The cost of one request that billed `billedMs` at `memoryMb`. */
export function invocationCost(memoryMb: number, billedMs: number, architecture: string, prices: PriceTable): InvocationCost {
  const gbSeconds = (memoryMb / 1024) * (billedMs / 1000);
  const rate = architecture === 'arm64' ? prices.perGbSecondArm : prices.perGbSecondX86;
  const computeCost = gbSeconds * rate;
  return { gbSeconds, computeCost, requestCost: prices.perRequest, total: computeCost + prices.perRequest };
}

/** A small amount with three significant digits and no exponent: `0.000000263`. */
export function plainAmount(value: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(Math.min(digits, 20));
}

/** `$0.000000263 (0.00375 GB-s; $0.26 per million such requests)`. */
export function formatCost(cost: InvocationCost, currency: string): string {
  const sign = currency === 'USD' ? '$' : `${currency} `;
  return `${sign}${plainAmount(cost.total)} (${plainAmount(cost.gbSeconds)} GB-s; ${sign}${(cost.total * 1e6).toFixed(2)} per million such requests)`;
}
