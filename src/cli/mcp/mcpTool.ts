// What one MCP tool is: a name, a description and JSON Schema written for a model, annotations
// (read-only / destructive hints) and what it runs against the engine.
import type { EngineConnection } from './engineConnection';

/** MCP tool annotations (spec 2025-06-18): hints a client uses to decide what needs the user's approval. */
export interface ToolAnnotations {
  readonly title: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

/** A JSON Schema object (the subset the tools use). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface McpTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: JsonSchema & { type: 'object' };
  readonly annotations: ToolAnnotations;
  /** Runs the tool; the result is returned to the model as JSON. Throws for a failure the model should see. */
  run(args: Record<string, unknown>, engine: EngineConnection): Promise<unknown>;
}

/** A required string argument, or a clear error naming it. */
export function stringArg(args: Record<string, unknown>, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v === '') throw new ToolInputError(`'${name}' is required and must be a non-empty string.`);
  return v;
}

/** An optional string argument. */
export function optionalString(args: Record<string, unknown>, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ToolInputError(`'${name}' must be a string.`);
  return v;
}

/** Arguments that do not match the tool's schema (code InvalidToolInput). */
export class ToolInputError extends Error {
  readonly code = 'InvalidToolInput';
}
