// The slice of the Chrome DevTools Protocol (Debugger and Runtime domains) the Node target uses.

export interface RemoteObject {
  readonly type: 'object' | 'function' | 'undefined' | 'string' | 'number' | 'boolean' | 'symbol' | 'bigint';
  readonly subtype?: string;
  readonly className?: string;
  readonly value?: unknown;
  readonly unserializableValue?: string;
  readonly description?: string;
  readonly objectId?: string;
  readonly preview?: ObjectPreview;
}

export interface ObjectPreview {
  readonly type: string;
  readonly subtype?: string;
  readonly description?: string;
  readonly overflow: boolean;
  readonly properties: readonly { readonly name: string; readonly type: string; readonly value?: string; readonly subtype?: string }[];
  readonly entries?: readonly { readonly key?: ObjectPreview; readonly value: ObjectPreview }[];
}

export interface PropertyDescriptor {
  readonly name: string;
  readonly value?: RemoteObject;
  readonly get?: RemoteObject;
  readonly isOwn?: boolean;
  readonly enumerable?: boolean;
}

export interface InternalPropertyDescriptor {
  readonly name: string;
  readonly value?: RemoteObject;
}

export interface Location {
  readonly scriptId: string;
  readonly lineNumber: number;
  readonly columnNumber?: number;
}

export interface Scope {
  readonly type: 'global' | 'local' | 'with' | 'closure' | 'catch' | 'block' | 'script' | 'eval' | 'module' | 'wasm-expression-stack';
  readonly object: RemoteObject;
  readonly name?: string;
}

export interface CallFrame {
  readonly callFrameId: string;
  readonly functionName: string;
  readonly location: Location;
  readonly scopeChain: readonly Scope[];
  readonly this: RemoteObject;
  readonly returnValue?: RemoteObject;
}

export interface RuntimeCallFrame {
  readonly functionName: string;
  readonly scriptId: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

export interface StackTrace {
  readonly description?: string;
  readonly callFrames: readonly RuntimeCallFrame[];
  readonly parent?: StackTrace;
}

export interface PausedEvent {
  readonly callFrames: readonly CallFrame[];
  readonly reason: string;
  readonly data?: { readonly description?: string; readonly uncaught?: boolean; readonly className?: string; readonly value?: unknown };
  readonly hitBreakpoints?: readonly string[];
  readonly asyncStackTrace?: StackTrace;
}

export interface ScriptParsedEvent {
  readonly scriptId: string;
  readonly url: string;
  readonly sourceMapURL?: string;
}

export interface ExceptionDetails {
  readonly text: string;
  readonly exception?: RemoteObject;
}

export interface EvaluateResult {
  readonly result: RemoteObject;
  readonly exceptionDetails?: ExceptionDetails;
}

export interface ConsoleApiCalledEvent {
  readonly type: string;
  readonly args: readonly RemoteObject[];
  readonly context?: string;
  readonly stackTrace?: StackTrace;
}
