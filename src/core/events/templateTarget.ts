// What template events invoke: SAM points them at the AutoPublishAlias; locally that alias exists only
// after a publish, so until then they run $LATEST (the code being edited).
import { parseFunctionRef } from '../arn';
import type { FunctionRegistry } from '../functions/functionRegistry';
import type { FunctionSpec } from '../project/functionSpec';

/** The FunctionName (with qualifier when there is one) a template event of `fn` invokes. */
export type TargetOf = (fn: FunctionSpec) => string;

/** `name:alias` when the function's AutoPublishAlias exists in the registry, else `name`. */
export function templateTargets(registry: FunctionRegistry): TargetOf {
  return (fn) => {
    const alias = fn.autoPublishAlias;
    if (!alias) return fn.functionName;
    try {
      registry.resolve(parseFunctionRef(registry.partition, fn.functionName, alias));
      return `${fn.functionName}:${alias}`;
    } catch {
      return fn.functionName;
    }
  };
}

/** The qualifier of a target (`$LATEST` when unqualified). */
export function qualifierOf(target: string): string {
  const i = target.indexOf(':');
  return i < 0 ? '$LATEST' : target.slice(i + 1);
}
