// Every Lambda runtime identifier as data: language, version, architectures, Lambda's lifecycle dates,
// handler form, how the local interpreter is found and how it is debugged. One row per runtime; add a
// row (or a field) here rather than a branch elsewhere.
//
// Dates: the Lambda developer guide's "Lambda runtimes" page (docs.aws.amazon.com/lambda/latest/dg/
// lambda-runtimes.html, supported and deprecated tables), as mirrored in tflint-ruleset-aws
// rules/aws_lambda_function_deprecated_runtime.go (Nov 2025) and endoflife.date/aws-lambda (Feb 2026)
// for the runtimes released after it. Block dates are recorded only where the guide's value was seen;
// `accepted` (what CreateFunction takes today) is the enum of fidelity section 7 and decides the API's
// refusals, not the dates.

export type RuntimeLanguage = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'go' | 'provided';
/** How a handler string is read: file.export (Node), module.function (Python), Class::method (Java, .NET), executable (provided, go1.x). */
export type HandlerForm = 'file.export' | 'module.function' | 'class-method' | 'file.method' | 'executable' | 'assembly::type::method';
/** How the engine finds the program that runs the function. */
export type Locator = 'node-major' | 'python-version' | 'bootstrap' | 'go-executable' | 'jdk' | 'ruby' | 'dotnet' | 'pwsh';
export type DebugSupport = 'inspector' | 'debugpy' | 'none';

export interface RuntimeEntry {
  readonly id: string;
  readonly language: RuntimeLanguage;
  /** Language version: Node major, Python `3.12`, Java `21`, `al2023` for OS-only runtimes. */
  readonly version: string;
  readonly architectures: readonly ('x86_64' | 'arm64')[];
  /** Whether Lambda accepts it for CreateFunction/UpdateFunctionConfiguration today. */
  readonly accepted: boolean;
  /** ISO dates from the developer guide (deprecation; blocks on create and update where known). */
  readonly deprecated?: string;
  readonly blockCreate?: string;
  readonly blockUpdate?: string;
  readonly handler: HandlerForm;
  readonly locate: Locator;
  readonly debug: DebugSupport;
  /** For runtimes Lambda retired: the supported runtime that runs their code locally. */
  readonly successor?: string;
}

const BOTH = ['x86_64', 'arm64'] as const;
const X86 = ['x86_64'] as const;
type Extra = Partial<Pick<RuntimeEntry, 'deprecated' | 'blockCreate' | 'blockUpdate' | 'successor' | 'architectures'>>;

const node = (v: string, accepted: boolean, extra: Extra = {}): RuntimeEntry => ({
  id: v.includes('.') ? `nodejs${v}` : v === '' ? 'nodejs' : `nodejs${v}.x`,
  language: 'nodejs', version: v.split('.')[0] || '0', architectures: BOTH, accepted, handler: 'file.export', locate: 'node-major', debug: 'inspector', ...extra,
});
const python = (v: string, accepted: boolean, extra: Extra = {}): RuntimeEntry => ({
  id: `python${v}`, language: 'python', version: v, architectures: BOTH, accepted, handler: 'module.function', locate: 'python-version', debug: 'debugpy', ...extra,
});
const java = (id: string, v: string, accepted: boolean, extra: Extra = {}): RuntimeEntry => ({
  id, language: 'java', version: v, architectures: BOTH, accepted, handler: 'class-method', locate: 'jdk', debug: 'none', ...extra,
});
const dotnet = (id: string, v: string, accepted: boolean, extra: Extra = {}): RuntimeEntry => ({
  id, language: 'dotnet', version: v, architectures: BOTH, accepted, handler: 'assembly::type::method', locate: 'dotnet', debug: 'none', ...extra,
});
const ruby = (v: string, accepted: boolean, extra: Extra = {}): RuntimeEntry => ({
  id: `ruby${v}`, language: 'ruby', version: v, architectures: BOTH, accepted, handler: 'file.method', locate: 'ruby', debug: 'none', ...extra,
});
const provided = (id: string, v: string, accepted: boolean, extra: Extra = {}): RuntimeEntry => ({
  id, language: 'provided', version: v, architectures: BOTH, accepted, handler: 'executable', locate: 'bootstrap', debug: 'none', ...extra,
});

/** The table, accepted runtimes first in the order of Lambda's enum message. */
export const RUNTIME_TABLE: readonly RuntimeEntry[] = [
  node('18', true, { deprecated: '2025-09-01' }),
  node('20', true, { deprecated: '2026-04-30' }),
  node('22', true, { deprecated: '2027-04-30' }),
  node('24', true, { deprecated: '2028-04-30' }),
  python('3.9', true, { deprecated: '2025-12-15' }),
  python('3.10', true, { deprecated: '2026-06-30' }),
  python('3.11', true, { deprecated: '2026-06-30' }),
  python('3.12', true, { deprecated: '2028-10-31' }),
  python('3.13', true, { deprecated: '2029-06-30' }),
  python('3.14', true, { deprecated: '2029-06-30' }),
  java('java8.al2', '8', true, { deprecated: '2026-06-30' }),
  java('java11', '11', true, { deprecated: '2026-06-30' }),
  java('java17', '17', true, { deprecated: '2026-06-30' }),
  java('java21', '21', true, { deprecated: '2029-06-30' }),
  java('java25', '25', true, { deprecated: '2029-06-30' }),
  dotnet('dotnet8', '8', true, { deprecated: '2026-11-10' }),
  dotnet('dotnet10', '10', true, { deprecated: '2028-11-14' }),
  ruby('3.2', true, { deprecated: '2026-03-31' }),
  ruby('3.3', true, { deprecated: '2027-03-31' }),
  ruby('3.4', true, { deprecated: '2028-03-31' }),
  // Amazon Linux 1: refused for creation (AWS-recorded 2026-01); runs locally as provided.al2.
  provided('provided', 'al1', false, { deprecated: '2024-01-08', successor: 'provided.al2', architectures: X86 }),
  provided('provided.al2', 'al2', true, { deprecated: '2026-06-30' }),
  provided('provided.al2023', 'al2023', true, { deprecated: '2029-06-30' }),
  // Retired: refused by CreateFunction/UpdateFunction*, still run locally on their successor.
  node('', false, { deprecated: '2016-10-31', successor: 'nodejs18.x', architectures: X86 }),
  node('4.3', false, { deprecated: '2020-03-05', successor: 'nodejs18.x', architectures: X86 }),
  { ...node('4.3', false, { deprecated: '2020-03-05', successor: 'nodejs18.x', architectures: X86 }), id: 'nodejs4.3-edge' },
  node('6.10', false, { deprecated: '2019-08-12', successor: 'nodejs18.x', architectures: X86 }),
  node('8.10', false, { deprecated: '2020-03-06', successor: 'nodejs18.x', architectures: X86 }),
  node('10', false, { deprecated: '2021-07-30', successor: 'nodejs18.x', architectures: X86 }),
  node('12', false, { deprecated: '2023-03-31', successor: 'nodejs18.x' }),
  node('14', false, { deprecated: '2023-12-04', successor: 'nodejs18.x' }),
  node('16', false, { deprecated: '2024-06-12', successor: 'nodejs18.x' }),
  python('2.7', false, { deprecated: '2021-07-15', architectures: X86 }),
  python('3.6', false, { deprecated: '2022-07-18', successor: 'python3.9', architectures: X86 }),
  python('3.7', false, { deprecated: '2023-12-04', successor: 'python3.9', architectures: X86 }),
  python('3.8', false, { deprecated: '2024-10-14', successor: 'python3.9' }),
  java('java8', '8', false, { deprecated: '2024-01-08', successor: 'java8.al2', architectures: X86 }),
  dotnet('dotnetcore1.0', '1.0', false, { deprecated: '2019-07-27', successor: 'dotnet8', architectures: X86 }),
  dotnet('dotnetcore2.0', '2.0', false, { deprecated: '2019-05-30', successor: 'dotnet8', architectures: X86 }),
  dotnet('dotnetcore2.1', '2.1', false, { deprecated: '2022-01-05', successor: 'dotnet8', architectures: X86 }),
  dotnet('dotnetcore3.1', '3.1', false, { deprecated: '2023-04-03', successor: 'dotnet8' }),
  dotnet('dotnet6', '6', false, { deprecated: '2024-11-12', successor: 'dotnet8' }),
  { id: 'go1.x', language: 'go', version: '1', architectures: X86, accepted: false, deprecated: '2024-01-08', handler: 'executable', locate: 'go-executable', debug: 'none' },
  ruby('2.5', false, { deprecated: '2021-07-30', successor: 'ruby3.2', architectures: X86 }),
  ruby('2.7', false, { deprecated: '2023-11-27', successor: 'ruby3.2', architectures: X86 }),
];

const byId = new Map(RUNTIME_TABLE.map((r) => [r.id, r]));

/** The catalog row of a runtime identifier (exact, case-sensitive as Lambda's enum). */
export function runtimeEntry(id: string): RuntimeEntry | undefined {
  return byId.get(id);
}

/** The runtime whose interpreter runs `id` locally: itself, or the successor of a retired runtime. */
export function effectiveRuntime(id: string): string {
  return byId.get(id)?.successor ?? id;
}

const human = (iso: string): string => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "deprecated on Jun 12, 2024" plus the block dates where known, for warnings and hovers. */
export function lifecycleText(entry: RuntimeEntry, now: Date = new Date()): string {
  const parts = entry.deprecated ? [`${isPastDeprecation(entry, now) ? 'deprecated on' : 'deprecation scheduled for'} ${human(entry.deprecated)}`] : [];
  if (entry.blockCreate) parts.push(`function create blocked from ${human(entry.blockCreate)}`);
  if (entry.blockUpdate) parts.push(`function update blocked from ${human(entry.blockUpdate)}`);
  if (!entry.accepted) parts.push('Lambda no longer accepts it for creating or updating functions');
  return parts.join('; ');
}

/** Whether the runtime's deprecation date has passed at `now`. */
export function isPastDeprecation(entry: RuntimeEntry, now: Date = new Date()): boolean {
  return !!entry.deprecated && new Date(`${entry.deprecated}T00:00:00Z`) <= now;
}
