// Kept in its own module so the bundle has more than one source.
export function greet(name: string): string {
  return `${process.env.GREETING ?? 'Hello'}, ${name} (from TypeScript)`;
}
