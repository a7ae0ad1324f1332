// Scopes, variables, evaluation and assignment on a paused Node debuggee: inspector RemoteObjects as
// DAP variables, expanded lazily (objects, arrays, Map and Set entries) through numbered references.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { debugErrors } from '../errors';
import type { CdpConnection } from './cdpConnection';
import type { CallFrame, EvaluateResult, InternalPropertyDescriptor, ObjectPreview, PropertyDescriptor, RemoteObject } from './cdpTypes';

type Handle =
  | { readonly kind: 'scope'; readonly frame: CallFrame; readonly scopeNumber: number }
  | { readonly kind: 'object'; readonly objectId: string; readonly evaluateName: string | undefined };

/** Object group of values fetched while stopped; released when the debuggee resumes. */
const PAUSED_GROUP = 'lambda-workbench-paused';

const scopeNames: Record<string, string> = {
  local: 'Local', closure: 'Closure', block: 'Block', global: 'Global', script: 'Script', module: 'Module', catch: 'Catch', with: 'With', eval: 'Eval',
};

function previewValue(type: string, value: string | undefined, subtype?: string): string {
  if (type === 'string') return JSON.stringify(value ?? '');
  if (type === 'object' && subtype === 'null') return 'null';
  if (type === 'function') return 'ƒ';
  return value ?? type;
}

function renderPreview(p: ObjectPreview): string {
  const more = p.overflow ? ', …' : '';
  if (p.entries) {
    const entries = p.entries.map((e) => (e.key ? `${renderPreview(e.key)} => ${renderPreview(e.value)}` : renderPreview(e.value)));
    return `${p.description ?? ''} {${entries.join(', ')}${more}}`;
  }
  if (p.type !== 'object' || (p.subtype && p.subtype !== 'array')) return previewValue(p.type, p.description, p.subtype);
  const props = p.properties.map((q) => (p.subtype === 'array' ? previewValue(q.type, q.value, q.subtype) : `${q.name}: ${previewValue(q.type, q.value, q.subtype)}`));
  return p.subtype === 'array' ? `${p.description ?? 'Array'} [${props.join(', ')}${more}]` : `{${props.join(', ')}${more}}`;
}

/** How a value reads in the Variables view, the hover and the debug console. */
export function renderRemote(o: RemoteObject): string {
  switch (o.type) {
    case 'string':
      return JSON.stringify(o.value);
    case 'undefined':
      return 'undefined';
    case 'number':
    case 'boolean':
    case 'bigint':
      return o.unserializableValue ?? String(o.value);
    case 'symbol':
      return o.description ?? 'Symbol()';
    case 'function': {
      const firstLine = (o.description ?? '').split('\n')[0] ?? '';
      return `ƒ ${firstLine.replace(/\s*\{\s*$/, '').slice(0, 120)}`;
    }
    default:
      if (o.subtype === 'null') return 'null';
      if (o.subtype === 'error') return (o.description ?? 'Error').split('\n')[0] ?? 'Error';
      if (o.preview) return renderPreview(o.preview);
      return o.description ?? o.className ?? 'Object';
  }
}

/** The value as a call argument (for setVariable). */
function asArgument(o: RemoteObject): object {
  if (o.objectId) return { objectId: o.objectId };
  if (o.unserializableValue) return { unserializableValue: o.unserializableValue };
  return { value: o.value };
}

/** Variable references for one debuggee; invalidated (`clear`) whenever it resumes. */
export class NodeVariables {
  private readonly handles = new Map<number, Handle>();
  private nextRef = 1;

  constructor(private readonly cdp: CdpConnection) {}

  /** Forgets every reference (the debuggee resumed). */
  clear(): void {
    if (this.handles.size === 0) return;
    this.handles.clear();
    void this.cdp.send('Runtime.releaseObjectGroup', { objectGroup: PAUSED_GROUP }).catch(() => undefined);
  }

  /** The DAP scopes of a paused frame. */
  scopes(frame: CallFrame): DebugProtocol.Scope[] {
    return frame.scopeChain.map((scope, scopeNumber) => {
      const ref = this.add({ kind: 'scope', frame, scopeNumber });
      const base = scopeNames[scope.type] ?? scope.type;
      return { name: scope.name && scope.type === 'closure' ? `${base} (${scope.name})` : base, variablesReference: ref, expensive: scope.type === 'global' };
    });
  }

  /** Children of a reference: scope variables or object properties. */
  async variables(ref: number): Promise<DebugProtocol.Variable[]> {
    const h = this.handles.get(ref);
    if (!h) throw debugErrors.unknownReference('variable');
    if (h.kind === 'scope') {
      const scope = h.frame.scopeChain[h.scopeNumber];
      const vars = scope?.object.objectId ? await this.properties(scope.object.objectId, undefined) : [];
      if (h.scopeNumber === 0) {
        const extra: DebugProtocol.Variable[] = [];
        if (h.frame.returnValue) extra.push(this.variable('Return value', h.frame.returnValue, undefined));
        if (h.frame.this.type !== 'undefined' && !(h.frame.this.className === 'global' || h.frame.this.description === 'global')) {
          extra.push(this.variable('this', h.frame.this, 'this'));
        }
        return [...extra, ...vars];
      }
      return vars;
    }
    return this.properties(h.objectId, h.evaluateName);
  }

  /** Evaluates on a paused frame, or globally when running. */
  async evaluate(expression: string, frame: CallFrame | undefined, context: string | undefined): Promise<DebugProtocol.EvaluateResponse['body']> {
    const common = {
      expression,
      objectGroup: context === 'repl' ? 'console' : PAUSED_GROUP,
      includeCommandLineAPI: context === 'repl',
      generatePreview: true,
      ...(context === 'hover' ? { throwOnSideEffect: true } : {}),
    };
    const r = frame
      ? await this.cdp.send<EvaluateResult>('Debugger.evaluateOnCallFrame', { ...common, callFrameId: frame.callFrameId })
      : await this.cdp.send<EvaluateResult>('Runtime.evaluate', common);
    if (r.exceptionDetails) {
      const e = r.exceptionDetails.exception;
      throw new Error(e ? renderRemote(e) : r.exceptionDetails.text);
    }
    const v = this.variable('', r.result, expression);
    return { result: v.value, variablesReference: v.variablesReference, ...(v.type ? { type: v.type } : {}) };
  }

  /** Assigns `value` (an expression) to a variable of a scope or a property of an object. */
  async setVariable(ref: number, name: string, value: string, frame: CallFrame | undefined): Promise<DebugProtocol.SetVariableResponse['body']> {
    const h = this.handles.get(ref);
    if (!h) throw debugErrors.unknownReference('variable');
    const evalFrame = h.kind === 'scope' ? h.frame : frame;
    const computed = evalFrame
      ? await this.cdp.send<EvaluateResult>('Debugger.evaluateOnCallFrame', { expression: value, callFrameId: evalFrame.callFrameId, objectGroup: PAUSED_GROUP, generatePreview: true })
      : await this.cdp.send<EvaluateResult>('Runtime.evaluate', { expression: value, objectGroup: PAUSED_GROUP, generatePreview: true });
    if (computed.exceptionDetails) throw new Error(computed.exceptionDetails.exception ? renderRemote(computed.exceptionDetails.exception) : computed.exceptionDetails.text);
    const scope = h.kind === 'scope' ? h.frame.scopeChain[h.scopeNumber] : undefined;
    if (h.kind === 'scope' && scope && scope.type !== 'global' && scope.type !== 'script') {
      await this.cdp.send('Debugger.setVariableValue', { scopeNumber: h.scopeNumber, variableName: name, newValue: asArgument(computed.result), callFrameId: h.frame.callFrameId });
    } else {
      const objectId = h.kind === 'object' ? h.objectId : scope?.object.objectId;
      if (!objectId) throw debugErrors.unknownReference('variable');
      const r = await this.cdp.send<EvaluateResult>('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: 'function (name, value) { this[name] = value; }',
        arguments: [{ value: name }, asArgument(computed.result)],
      });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
    }
    const v = this.variable(name, computed.result, undefined);
    return { value: v.value, variablesReference: v.variablesReference };
  }

  /** A DAP variable for a remote value; objects get a reference for lazy expansion. */
  variable(name: string, o: RemoteObject, evaluateName: string | undefined): DebugProtocol.Variable {
    const expandable = o.type === 'object' && o.subtype !== 'null' && o.objectId !== undefined;
    return {
      name,
      value: renderRemote(o),
      type: o.className ?? o.type,
      variablesReference: expandable ? this.add({ kind: 'object', objectId: o.objectId, evaluateName }) : 0,
      ...(evaluateName !== undefined ? { evaluateName } : {}),
    };
  }

  private async properties(objectId: string, parentName: string | undefined): Promise<DebugProtocol.Variable[]> {
    const r = await this.cdp.send<{ result: PropertyDescriptor[]; internalProperties?: InternalPropertyDescriptor[] }>('Runtime.getProperties', {
      objectId,
      ownProperties: true,
      generatePreview: true,
    });
    const out: DebugProtocol.Variable[] = [];
    for (const p of r.result) {
      if (p.name === '__proto__') continue;
      const childName = parentName === undefined ? p.name : /^[A-Za-z_$][\w$]*$/.test(p.name) ? `${parentName}.${p.name}` : `${parentName}[${JSON.stringify(p.name)}]`;
      const eName = parentName === undefined && /^[A-Za-z_$][\w$]*$/.test(p.name) ? p.name : parentName === undefined ? undefined : childName;
      if (p.value) out.push(this.variable(p.name, p.value, eName));
      else if (p.get) out.push({ name: p.name, value: '(getter)', variablesReference: 0 });
    }
    // Map and Set contents, and the entries of those entries.
    for (const p of r.internalProperties ?? []) {
      if (p.value && (p.name === '[[Entries]]' || p.name === '[[PrimitiveValue]]')) out.push(this.variable(p.name, p.value, undefined));
    }
    return out;
  }

  private add(h: Handle): number {
    const ref = this.nextRef++;
    this.handles.set(ref, h);
    return ref;
  }
}
