// One stop of the Node debuggee: its call stack as DAP frames (mapped through source maps, with the
// async frames that led there) and the frame ids that scopes and evaluation refer to.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CallFrame, PausedEvent, RuntimeCallFrame, StackTrace } from './cdpTypes';
import type { Scripts } from './scripts';

let nextFrameId = 1;

/** The frames of one pause; ids stay valid until the debuggee resumes. */
export class PausedState {
  readonly frames: DebugProtocol.StackFrame[] = [];
  private readonly callFrames = new Map<number, CallFrame>();

  constructor(readonly event: PausedEvent, private readonly scripts: Scripts) {
    for (const f of event.callFrames) {
      const id = nextFrameId++;
      this.callFrames.set(id, f);
      this.frames.push(this.frame(id, f.functionName, f.location.scriptId, f.location.lineNumber, f.location.columnNumber ?? 0));
    }
    // Async segments: Node's own frames (processTicksAndRejections...) dropped, and a segment that
    // repeats the previous one (the same awaits, seen again and again) shown once.
    let previous = '';
    for (let parent: StackTrace | undefined = event.asyncStackTrace; parent; parent = parent.parent) {
      const own = parent.callFrames.filter((f) => !(this.scripts.get(f.scriptId)?.internal ?? f.url.startsWith('node:')));
      if (own.length === 0) continue;
      const label = parent.description || 'async';
      const key = `${label}|${own.map((f) => `${f.scriptId}:${f.lineNumber}:${f.columnNumber}`).join(',')}`;
      if (key === previous) continue;
      previous = key;
      this.frames.push({ id: nextFrameId++, name: label, line: 0, column: 0, presentationHint: 'label' });
      for (const f of own) this.frames.push(this.runtimeFrame(f));
    }
  }

  /** The top frame, where stepping and default evaluation happen. */
  get top(): CallFrame | undefined {
    return this.event.callFrames[0];
  }

  /** The inspector frame behind a DAP frame id (async frames have none). */
  callFrame(frameId: number): CallFrame | undefined {
    return this.callFrames.get(frameId);
  }

  /** A short text for the stopped event (exception message, breakpoint...). */
  get exceptionText(): string | undefined {
    const d = this.event.data?.description;
    return typeof d === 'string' ? d : undefined;
  }

  private runtimeFrame(f: RuntimeCallFrame): DebugProtocol.StackFrame {
    return this.frame(nextFrameId++, f.functionName, f.scriptId, f.lineNumber, f.columnNumber);
  }

  private frame(id: number, name: string, scriptId: string, line0: number, column0: number): DebugProtocol.StackFrame {
    const loc = this.scripts.toDap(scriptId, line0, column0);
    const internal = this.scripts.get(scriptId)?.internal ?? true;
    return {
      id,
      name: name || '(anonymous)',
      line: loc?.line ?? line0 + 1,
      column: loc?.column ?? column0 + 1,
      ...(loc ? { source: loc.source } : {}),
      ...(internal ? { presentationHint: 'subtle' as const } : {}),
    };
  }
}
