// Masking of secrets for what the engine's own tools print (CLI, VS Code panels): values of environment
// variables whose names look secret, in listings and wherever those values appear in log text.
// The Lambda API (GetFunctionConfiguration) returns them unmasked, as AWS does.

/** What replaces a secret value. */
export const MASK = '********';

// Name parts that mark a variable as secret: DB_PASSWORD, API_KEY, GITHUB_TOKEN, STRIPE_SECRET, ...
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|PASSPHRASE|PWD|TOKEN|KEY|CREDENTIAL|PRIVATE|AUTH|SIGNATURE|SALT|COOKIE|SESSION|DSN|CONN(ECTION)?_?STR)/i;
// Values shorter than this are not searched for in text ("1", "true" would mask everything).
const MIN_VALUE_LENGTH = 4;

/** Whether an environment variable name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Environment variables with secret-looking values replaced by MASK (all shown when `reveal`). */
export function maskEnvironment(env: Readonly<Record<string, string>>, reveal = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) out[k] = !reveal && isSecretName(k) && v !== '' ? MASK : v;
  return out;
}

/** Replaces every occurrence of the secret values of `envs` in text; `reveal` turns it off. */
export class SecretMasker {
  private readonly values: string[];
  private readonly pattern: RegExp | undefined;

  constructor(envs: readonly Readonly<Record<string, string>>[], reveal = false) {
    const values = new Set<string>();
    if (!reveal) {
      for (const env of envs) for (const [k, v] of Object.entries(env)) if (isSecretName(k) && v.length >= MIN_VALUE_LENGTH) values.add(v);
    }
    // Longest first, so a secret that contains another is masked whole.
    this.values = [...values].sort((a, b) => b.length - a.length);
    this.pattern = this.values.length ? new RegExp(this.values.map(escapeRegExp).join('|'), 'g') : undefined;
  }

  /** Whether there is anything to mask. */
  get active(): boolean {
    return this.pattern !== undefined;
  }

  /** `text` with each secret value replaced by MASK. */
  mask(text: string): string {
    return this.pattern ? text.replace(this.pattern, MASK) : text;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Something whose functions' variables can change (the engine's FunctionRegistry). */
export interface SecretSource {
  list(): readonly { readonly latest: { readonly environment: Readonly<Record<string, string>> } }[];
  on(event: 'change', fn: () => void): unknown;
}

/** A masker over every function of `source`, rebuilt when functions change. */
export function liveSecretMasker(source: SecretSource): { mask(text: string): string } {
  let masker: SecretMasker | undefined;
  source.on('change', () => (masker = undefined));
  return { mask: (text) => (masker ??= new SecretMasker(source.list().map((e) => e.latest.environment))).mask(text) };
}
