// The CLI's commands: each declares its options, its help (usage, summary, examples, JSON shape) and what it runs.
import type { ParseArgsConfig } from 'node:util';
import { alias, aliasUsage } from './aliasCommand';
import { build, buildUsage } from './buildCommand';
import { concurrency, concurrencyUsage } from './concurrencyCommand';
import { demo } from './demoCommand';
import { deploy, deployUsage } from './deployCommand';
import { deployTargetOptions } from './deployTarget';
import { durable, durableOptions, durableUsage } from './durableCommand';
import { engineOptions, type Values } from './engineFromArgs';
import { asyncEvents, endpointOptions, fireSchedule, generateEventCommand, generateEventOptions, generateEventUsage } from './eventCommands';
import { invoke, list } from './invokeCommand';
import { logs } from './logsCommand';
import { sessionOptions } from './lambdaApiSession';
import { mcp } from './mcpCommand';
import { metrics } from './metricsCommand';
import { publish, versions } from './publishCommand';
import { pull, pullUsage } from './pullCommand';
import { runtimes, runtimesUsage } from './runtimesCommand';
import { revealOption } from './secretMasking';
import { sdk, sdkUsage } from './sdkCommand';
import { serve } from './serveCommand';
import { reloadOption } from './reloadOption';
import { sync, syncUsage } from './syncCommand';
import { synth, synthUsage } from './synthCommand';

export interface Command {
  /** Usage line(s). */
  readonly help: string;
  /** What the command does, one sentence. */
  readonly summary: string;
  /** Command lines to copy, shown by --help. */
  readonly examples: readonly string[];
  /** The document --json prints on success (docs/cli.md has the full shapes). */
  readonly json: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(values: Values, positionals: string[]): Promise<number>;
}

const lw = 'lambda-workbench';

export const commands: Record<string, Command> = {
  serve: {
    help: `${lw} serve [--template FILE] [--port 3001] [--host 127.0.0.1] [--no-watch] [--aws-profile NAME] [--routing-seed N] [--http-port 3000] [--retry-delay-scale 1] [--strict [--keys-file FILE]] [--reload recycle|module]`,
    summary: 'Loads the template and serves the Lambda-compatible endpoint (and the HTTP API routes) until Ctrl+C.',
    examples: [`${lw} serve --template examples/template.yaml`, `${lw} serve --port 0 --json   # one line {"endpoint": ...} once ready`, `LAMBDA_WORKBENCH_ACCESS_KEY_ID=AKID LAMBDA_WORKBENCH_SECRET_ACCESS_KEY=... ${lw} serve --strict   # SigV4 with these keys only`],
    json: '{"endpoint", "functions": [names], "httpRoutes": [{method, url, functionName}]} once ready, then runs until stopped',
    options: { ...engineOptions, port: { type: 'string', short: 'p' }, host: { type: 'string' }, 'no-watch': { type: 'boolean' }, 'http-port': { type: 'string' }, 'retry-delay-scale': { type: 'string' }, strict: { type: 'boolean' }, 'keys-file': { type: 'string' }, ...reloadOption },
    run: serve,
  },
  invoke: {
    help: `${lw} invoke <function> [--event FILE|- | --sample trigger|<source>/<type>] [--qualifier Q] [--tenant-id T] [--reload recycle|module] [--tail [--reveal-secrets]] [--template FILE] [--parameter-overrides K=V ...]`,
    summary: 'Invokes a function (through the running engine when there is one) and prints its response.',
    examples: [`${lw} invoke hello-node --event events/hello.json --tail`, `${lw} invoke QueueConsumer --sample trigger   # the sample event of the function's own trigger`, `echo '{"name":"Ada"}' | ${lw} invoke hello-python --event - --json`, `${lw} invoke hello-node --qualifier live`, `${lw} invoke hello-node --reload module   # after a save: reload the handler in the warm environment of the running engine`],
    json: '{"requestId", "functionName", "executedVersion", "functionError"?, "payload", "coldStart"?, "durationMs"?, "billedDurationMs"?, "initDurationMs"?, "maxMemoryUsedMb"?, "reload"?: {"action": "recycled"|"reloaded", "cause": "code"|"configuration"}, "log"}',
    options: { ...engineOptions, ...revealOption, ...reloadOption, event: { type: 'string', short: 'e' }, sample: { type: 'string' }, qualifier: { type: 'string', short: 'q' }, 'tenant-id': { type: 'string' }, tail: { type: 'boolean' } },
    run: invoke,
  },
  build: {
    help: buildUsage,
    summary: 'Installs dependencies and builds functions and layers like `sam build`, into .lambda-workbench/build/ (cached by the hash of their inputs).',
    examples: [`${lw} build`, `${lw} build HelloFunction --force --verbose`, `${lw} build --json`],
    json: '{"functions": [{"function", "status", "codeDir"}]}',
    options: { ...engineOptions, force: { type: 'boolean' }, verbose: { type: 'boolean' }, json: { type: 'boolean' } },
    run: build,
  },
  deploy: {
    help: deployUsage,
    summary: 'Deploys the template to AWS: builds and uploads the code to S3, shows the CloudFormation change set, executes it when confirmed and prints the stack events.',
    examples: [`${lw} deploy --stack-name my-app-dev --region eu-west-1`, `${lw} deploy --yes --json`, `${lw} deploy --stack-name my-app-dev --bucket my-artifacts --profile dev`],
    json: '{"stackName", "region", "bucket", "changeSet": {"id", "type", "changes": [{"action", "logicalId", "resourceType"}]}, "status", "succeeded", "failure"?: {"logicalId", "reason"}, "events": [...]}',
    options: { ...engineOptions, ...deployTargetOptions, bucket: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' } },
    run: deploy,
  },
  sync: {
    help: syncUsage,
    summary: 'Updates the code of a deployed stack\'s functions in place (like `sam sync --code`), once or on every save with --watch; only stacks opted in with --enable.',
    examples: [`${lw} sync --stack-name my-app-dev --enable`, `${lw} sync --watch`, `${lw} sync HelloFunction --json`],
    json: 'one line per sync: {"logicalId", "functionName", "status": "synced"|"failed", "durationMs", "codeSha256"?, "error"?}',
    options: { ...engineOptions, ...deployTargetOptions, watch: { type: 'boolean' }, enable: { type: 'boolean' }, disable: { type: 'boolean' }, json: { type: 'boolean' } },
    run: sync,
  },
  synth: {
    help: synthUsage,
    summary: 'Synthesizes the CDK app (cdk.json) with its own CLI and the engine\'s esbuild for NodejsFunction; `serve` and VS Code do it on every change.',
    examples: [`${lw} synth`, `${lw} synth --json`],
    json: '{"appDir", "assembly", "durationMs", "command", "notes": [string]}',
    options: { json: { type: 'boolean' }, verbose: { type: 'boolean' } },
    run: synth,
  },
  runtimes: {
    help: runtimesUsage,
    summary: 'Lists the runtime catalog with what runs each runtime here, or downloads Node.js majors into the per-user cache.',
    examples: [`${lw} runtimes list`, `${lw} runtimes list --all --json`, `${lw} runtimes install nodejs22.x nodejs24.x`],
    json: 'list: {"runtimes": [{"runtime", "lifecycle", "runsOn"}]}; install: {"installed": [{"runtime", "version", "executable"}]}',
    options: { all: { type: 'boolean' } },
    run: runtimes,
  },
  list: {
    help: `${lw} list [--template FILE]`,
    summary: "Lists the functions: the running engine's, else the template's.",
    examples: [`${lw} list`, `${lw} list --template examples/template.yaml --json`],
    json: '{"functions": [{"name", "runtime", "memorySize", "timeout", "handler", "hasErrors"}]}',
    options: { ...engineOptions },
    run: list,
  },
  logs: {
    help: `${lw} logs <function|/log/group> [--filter PATTERN] [--since 10m] [--endpoint-url URL [--follow]] [--state-dir DIR] [--reveal-secrets]`,
    summary: 'Prints log events of a function or log group, filtered with a CloudWatch Logs filter pattern.',
    examples: [`${lw} logs hello-node --since 1h`, `${lw} logs hello-node --filter '"ERROR"' --json`, `${lw} logs hello-node --filter '{ $.level = "warn" }'`, `${lw} logs hello-node --endpoint-url http://127.0.0.1:3001 --follow`],
    json: '{"logGroup", "events": [{"timestamp", "logStreamName", "message"}]}; with --follow, one such event per line as it arrives',
    options: { ...engineOptions, ...revealOption, filter: { type: 'string', short: 'f' }, since: { type: 'string' }, follow: { type: 'boolean' }, 'endpoint-url': { type: 'string' } },
    run: logs,
  },
  metrics: {
    help: `${lw} metrics <function> [--since 60m] [--period 60] [--resource fn:alias] [--version N] [--json] [--state-dir DIR]`,
    summary: 'Prints per-period Invocations, Errors, Throttles, Duration and ConcurrentExecutions of a function.',
    examples: [`${lw} metrics hello-node`, `${lw} metrics hello-node --since 3h --period 300 --json`, `${lw} metrics hello-node --resource hello-node:live`],
    json: '{"functionName", "period", "datapoints": [{"timestamp", "invocations", "errors", "throttles", "duration": {average, p50, p99, max}?, "concurrentExecutions", ...}]}',
    options: { ...engineOptions, since: { type: 'string' }, period: { type: 'string' }, resource: { type: 'string' }, version: { type: 'string' } },
    run: metrics,
  },
  publish: {
    help: `${lw} publish <function> [--description TEXT] [--alias NAME] [--endpoint-url URL] [--json]`,
    summary: 'Publishes a version (PublishVersion) and points the AutoPublishAlias or --alias at it, as a deploy would.',
    examples: [`${lw} publish hello-node --description "first cut"`, `${lw} publish hello-node --alias live --json`],
    json: 'the PublishVersion response (FunctionConfiguration), or {"Version": ..., "Alias": AliasConfiguration} when an alias was moved',
    options: { ...engineOptions, ...sessionOptions, description: { type: 'string', short: 'd' }, alias: { type: 'string' } },
    run: publish,
  },
  versions: {
    help: `${lw} versions <function> [--endpoint-url URL] [--json]`,
    summary: 'Lists the versions of a function and the aliases pointing at them.',
    examples: [`${lw} versions hello-node`, `${lw} versions hello-node --json`],
    json: '{"Versions": [FunctionConfiguration], "Aliases": [AliasConfiguration]}',
    options: { ...engineOptions, ...sessionOptions },
    run: versions,
  },
  alias: {
    help: aliasUsage,
    summary: 'Creates, moves, deletes or lists aliases, with weighted routing between two versions.',
    examples: [`${lw} alias create hello-node live 1`, `${lw} alias update hello-node live --version 2 --routing 1=0.1`, `${lw} alias list hello-node --json`, `${lw} alias delete hello-node live`],
    json: 'create/update: AliasConfiguration; list: {"Aliases": [...]}; delete: {"deleted": {"functionName", "name"}}',
    options: { ...engineOptions, ...sessionOptions, description: { type: 'string', short: 'd' }, routing: { type: 'string' }, 'no-routing': { type: 'boolean' }, version: { type: 'string' } },
    run: alias,
  },
  concurrency: {
    help: concurrencyUsage,
    summary: 'Shows or sets reserved concurrency (0 throttles every invocation) or, with --qualifier, provisioned concurrency.',
    examples: [`${lw} concurrency hello-node 0`, `${lw} concurrency hello-node none`, `${lw} concurrency hello-node 2 --qualifier live --json`],
    json: 'the Get/Put(Provisioned)Concurrency response; "none": {"removed": true}',
    options: { ...engineOptions, ...sessionOptions, qualifier: { type: 'string', short: 'q' } },
    run: concurrency,
  },
  durable: {
    help: durableUsage,
    summary: 'Starts, lists and inspects durable executions, completes their callbacks, skips their waits and stops them.',
    examples: [`${lw} durable start OrderWorkflow --event events/order.json`, `${lw} durable list --json`, `${lw} durable skip-wait`, `${lw} durable callback <callback-id> --success '{"approved":true}'`],
    json: 'the Lambda API response of each operation (StartDurableExecution: {"DurableExecutionArn"}; list: {"DurableExecutions"}; history: {"Events"})',
    options: { ...engineOptions, ...sessionOptions, ...durableOptions },
    run: durable,
  },
  'generate-event': {
    help: generateEventUsage,
    summary: 'Prints a sample event of an AWS event source (S3, SQS, SNS, API Gateway, ...), or the catalogue.',
    examples: [`${lw} generate-event`, `${lw} generate-event s3 put --bucket photos --key cat.jpg`, `${lw} generate-event apigateway http-api-proxy --path /hello > events/get.json`],
    json: 'the event itself; without arguments {"samples": [{"source", "type", "help", "options": {name: {default, help}}}]}',
    options: generateEventOptions,
    run: generateEventCommand,
  },
  'fire-schedule': {
    help: `${lw} fire-schedule <function> [event] [--endpoint-url URL] [--template FILE]`,
    summary: "Runs a Schedule/ScheduleV2 event of the template now (queued on the running engine, or run and awaited in one of its own).",
    examples: [`${lw} fire-schedule nightly-report`, `${lw} fire-schedule nightly-report Hourly --json`],
    json: 'running engine: {"queued": true, "requestId", "endpoint"}; else {"requestId", "status", "invokeCount", "payload"}',
    options: endpointOptions,
    run: fireSchedule,
  },
  'async-events': {
    help: `${lw} async-events [--function NAME] [--json] [--endpoint-url URL]`,
    summary: 'History of Event invocations: each attempt, retries and the outcome.',
    examples: [`${lw} async-events`, `${lw} async-events --function hello-node --json`],
    json: '{"events": [{"requestId", "functionName", "status", "condition"?, "receivedAt", "invokeCount", "attempts": [...]}]}',
    options: { ...endpointOptions, function: { type: 'string' } },
    run: asyncEvents,
  },
  sdk: {
    help: sdkUsage,
    summary: "Installs the AWS SDK that Lambda's runtimes include (@aws-sdk/* v3, boto3) into the per-user cache, or prints the pinned versions.",
    examples: [`${lw} sdk install`, `${lw} sdk install --runtime nodejs20.x @aws-sdk/client-s3`, `${lw} sdk versions --json`],
    json: 'install: {"cacheDir", "installed": [{"runtime", "packages", "ok"}]}; versions: {"nodejs": {runtime: version}, "python": {runtime: version}}',
    options: { template: { type: 'string', short: 't' }, runtime: { type: 'string', short: 'r' }, 'cache-dir': { type: 'string' } },
    run: sdk,
  },
  mcp: {
    help: `${lw} mcp [--template FILE] [--state-dir DIR] [--endpoint-url URL] [--events-dir DIR]`,
    summary: 'Serves the Model Context Protocol over stdio, so coding agents can list, invoke and debug functions and read their logs.',
    examples: [`${lw} mcp --template template.yaml`, `claude mcp add lambda-workbench -- node bin/lambda-workbench.js mcp`],
    json: 'speaks MCP (JSON-RPC) on stdin/stdout; --json only shapes a startup error',
    options: { ...endpointOptions, 'events-dir': { type: 'string' } },
    run: mcp,
  },
  pull: {
    help: pullUsage,
    summary: 'Brings a deployed function home: downloads its code (GetFunction) and writes a SAM template of its configuration, to run and debug it locally.',
    examples: [`${lw} pull my-function --region eu-west-1 --profile work`, `${lw} pull arn:aws:lambda:us-east-1:123456789012:function:orders --dir orders --json`],
    json: '{"functionName", "functionArn", "logicalId", "runtime", "handler", "templatePath", "codeDir", "codeBytes", "files", "layers": [ARN], "notes": [text]}',
    options: { region: { type: 'string' }, profile: { type: 'string' }, qualifier: { type: 'string', short: 'q' }, dir: { type: 'string' }, force: { type: 'boolean' }, 'endpoint-url': { type: 'string' } },
    run: pull,
  },
  demo: {
    help: `${lw} demo [--template FILE]`,
    summary: 'Invokes every function of the template cold and warm, then prints how to serve them.',
    examples: [`${lw} demo --template examples/template.yaml`, `${lw} demo --json`],
    json: '{"results": [{"functionName", "runtime", "round": "cold"|"warm", "functionError"?, "durationMs", "initDurationMs"?, "payload"}]}',
    options: { ...engineOptions },
    run: demo,
  },
};

export const usage = `Usage: lambda-workbench <command> [options]

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(15)} ${c.summary}`).join('\n')}

Every command takes --json (one JSON document on stdout, errors too) and --help (usage and examples).
Exit codes: 0 ok, 1 the function or the Lambda API returned an error, 2 bad arguments or something to
fix first, 3 unexpected failure. See docs/cli.md.
`;
