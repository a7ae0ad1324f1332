// Get/PutFunctionRecursionConfig (GET|PUT /2024-08-31/functions/{fn}/recursion-config): the function's
// RecursiveLoop setting, Terminate unless the API or the template says Allow.
import { invalidParameter, validationError, ApiError } from '../errors';
import { parseFunctionRef } from '../arn';
import { LOCAL_CALLER, type CallerIdentity } from '../state/auditLog';
import { StateFile } from '../state/stateFile';
import { arnOf, audited, requireFunction, type ManagementContext } from './managementContext';

export type RecursiveLoop = 'Allow' | 'Terminate';

const FUNCTIONS_ONLY = 'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.';

export class RecursionConfigs {
  constructor(private readonly ctx: ManagementContext) {}

  /** The effective setting: the API's value, else the template's, else Terminate. */
  effective(name: string): RecursiveLoop {
    return this.ctx.store.get(name)?.recursiveLoop ?? this.ctx.registry.get(name)?.latest.recursiveLoop ?? 'Terminate';
  }

  get(functionName: string, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return this.unqualified('GetFunctionRecursionConfig', functionName, caller, (name) => {
      requireFunction(this.ctx, name);
      return { RecursiveLoop: this.effective(name) };
    });
  }

  put(functionName: string, input: { readonly RecursiveLoop?: unknown }, caller: CallerIdentity = LOCAL_CALLER): Promise<Record<string, unknown>> {
    return this.unqualified('PutFunctionRecursionConfig', functionName, caller, async (name) => {
      const value = input.RecursiveLoop;
      if (value === undefined || value === null) throw new ApiError('ValidationException', 400, "1 validation error detected: Value null at 'recursiveLoop' failed to satisfy constraint: Member must not be null");
      if (value !== 'Allow' && value !== 'Terminate') throw validationError(value, 'recursiveLoop', 'Member must satisfy enum value set: [Terminate, Allow]');
      requireFunction(this.ctx, name);
      await this.ctx.store.update((draft) => {
        StateFile.ensure(draft, name).recursiveLoop = value;
      });
      return { RecursiveLoop: value };
    });
  }

  private unqualified<T>(operation: string, functionName: string, caller: CallerIdentity, run: (name: string) => T | Promise<T>): Promise<T> {
    const ref = parseFunctionRef(this.ctx.partition, functionName);
    return audited(this.ctx, operation, arnOf(this.ctx, ref.name), caller, () => {
      if (ref.qualifier !== undefined) throw invalidParameter(FUNCTIONS_ONLY);
      return run(ref.name);
    });
  }
}
