// The `lambda` launch configuration, typed once: the TypeScript shape and the JSON schema that
// package.json's `contributes.debuggers` carries (a test keeps the two identical).
import type { DebugProtocol } from '@vscode/debugprotocol';

/** What a `lambda` launch configuration may say. */
export interface LambdaLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  /** Logical id (or FunctionName) of a template function. */
  function?: string;
  /** SAM template; the workspace's template.yaml/.yml/.json when omitted. */
  template?: string;
  /** Template-less: the handler (`index.handler`, `app.handler`). */
  handler?: string;
  /** Template-less: the Lambda runtime (`nodejs20.x`, `python3.12`...). */
  runtime?: string;
  /** Template-less: the code directory. */
  codeUri?: string;
  /** The event: a JSON file path or an inline value. */
  event?: string | object;
  /** Version or alias to run. */
  qualifier?: string;
  /** Environment variables set on top of the function's. */
  environment?: Record<string, string>;
  /** Timeout in seconds (template-less default 3, Lambda's). */
  timeout?: number;
  /** Memory in MB (template-less default 128). */
  memorySize?: number;
  /** Stop at the first line of the handler (or of module scope with `breakIn: "init"`). */
  stopOnEntry?: boolean;
  /** Where the debugger first stops: the handler call, or the module's top-level code during init. */
  breakIn?: 'handler' | 'init';
  /** Freeze the Lambda clock (remaining time, timeout) while stopped. */
  freezeClock?: boolean;
  /** Start a new execution environment even if one is warm. */
  coldStart?: boolean;
  /** Directory relative paths are resolved against (the workspace folder). */
  cwd?: string;
}

type Schema = { readonly [key: string]: unknown };

/** JSON schema of the launch attributes, as package.json declares it. */
export const launchAttributes: { readonly properties: { readonly [K in keyof Required<OwnArguments>]: Schema } } = {
  properties: {
    function: { type: 'string', description: 'Logical id (or FunctionName) of a function in the SAM template.' },
    template: { type: 'string', description: 'Path of the SAM template. Default: the workspace template.yaml, template.yml or template.json.' },
    handler: { type: 'string', description: 'Template-less launch: the handler, e.g. index.handler or app.handler.' },
    runtime: {
      type: 'string',
      description: 'Template-less launch: the Lambda runtime.',
      enum: ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13'],
    },
    codeUri: { type: 'string', description: 'Template-less launch: the code directory.' },
    event: {
      type: ['string', 'object', 'array', 'number', 'boolean', 'null'],
      description: 'The event to send: a path to a JSON file or the event itself. Default: {}.',
    },
    qualifier: { type: 'string', description: 'Version or alias to run. Default: $LATEST.' },
    environment: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: "Environment variables set on top of the function's.",
    },
    timeout: { type: 'number', minimum: 1, maximum: 900, description: "Timeout in seconds. Default: the template's, or 3." },
    memorySize: { type: 'number', minimum: 128, maximum: 10240, description: "Memory in MB. Default: the template's, or 128." },
    stopOnEntry: { type: 'boolean', default: false, description: 'Stop at the first line of the handler before it runs.' },
    breakIn: {
      type: 'string',
      enum: ['handler', 'init'],
      default: 'handler',
      enumDescriptions: [
        'Stop on entry at the first line of the handler when the event arrives.',
        "Stop at the first line of the handler's module while it loads (init phase), so module-scope code can be debugged.",
      ],
      description: 'Where the debugger first stops.',
    },
    freezeClock: {
      type: 'boolean',
      default: true,
      description: 'Freeze the Lambda clock while stopped: getRemainingTimeInMillis() and the timeout ignore time spent at breakpoints.',
    },
    coldStart: { type: 'boolean', default: false, description: 'Always start a new execution environment (a cold start).' },
    cwd: { type: 'string', default: '${workspaceFolder}', description: 'Directory that relative paths are resolved against.' },
  },
};

/** The attributes this debugger defines (not the generic DAP ones). */
type OwnArguments = Omit<LambdaLaunchArguments, keyof DebugProtocol.LaunchRequestArguments>;
