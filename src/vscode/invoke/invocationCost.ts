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

/** `$0.0000002083` style, enough digits to see a single request's cost; `per million` for scale. */
export function formatCost(cost: InvocationCost, currency: string): string {
  const sign = currency === 'USD' ? '$' : `${currency} `;
  const perMillion = cost.total * 1e6;
  return `${sign}${cost.total.toPrecision(3)} (${cost.gbSeconds.toPrecision(4)} GB-s; ${sign}${perMillion.toFixed(2)} per million such requests)`;
}
