// The CLI's commands: each declares its options, its help text and what it runs.
import type { ParseArgsConfig } from 'node:util';
import { alias, aliasUsage } from './aliasCommand';
import { concurrency, concurrencyUsage } from './concurrencyCommand';
import { demo } from './demoCommand';
import { engineOptions, type Values } from './engineFromArgs';
import { asyncEvents, endpointOptions, fireSchedule, generateEventCommand, generateEventOptions, generateEventUsage } from './eventCommands';
import { invoke, list } from './invokeCommand';
import { logs } from './logsCommand';
import { sessionOptions } from './lambdaApiSession';
import { metrics } from './metricsCommand';
import { publish, versions } from './publishCommand';
import { revealOption } from './secretMasking';
import { serve } from './serveCommand';

export interface Command {
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(values: Values, positionals: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  serve: {
    help: 'lambda-workbench serve [--template FILE] [--port 3001] [--host 127.0.0.1] [--no-watch] [--aws-profile NAME] [--routing-seed N] [--http-port 3000] [--retry-delay-scale 1]',
    options: { ...engineOptions, port: { type: 'string', short: 'p' }, host: { type: 'string' }, 'no-watch': { type: 'boolean' }, 'http-port': { type: 'string' }, 'retry-delay-scale': { type: 'string' } },
    run: serve,
  },
  invoke: {
    help: 'lambda-workbench invoke <function> [--event FILE|-] [--qualifier Q] [--tenant-id T] [--tail [--reveal-secrets]] [--template FILE]',
    options: { ...engineOptions, ...revealOption, event: { type: 'string', short: 'e' }, qualifier: { type: 'string', short: 'q' }, 'tenant-id': { type: 'string' }, tail: { type: 'boolean' } },
    run: invoke,
  },
  list: {
    help: 'lambda-workbench list [--template FILE]',
    options: { ...engineOptions },
    run: list,
  },
  logs: {
    help: 'lambda-workbench logs <function|/log/group> [--filter PATTERN] [--since 10m] [--endpoint-url URL [--follow]] [--state-dir DIR] [--reveal-secrets]',
    options: { ...engineOptions, ...revealOption, filter: { type: 'string', short: 'f' }, since: { type: 'string' }, follow: { type: 'boolean' }, 'endpoint-url': { type: 'string' } },
    run: logs,
  },
  metrics: {
    help: 'lambda-workbench metrics <function> [--since 60m] [--period 60] [--resource fn:alias] [--version N] [--json] [--state-dir DIR]',
    options: { ...engineOptions, since: { type: 'string' }, period: { type: 'string' }, resource: { type: 'string' }, version: { type: 'string' }, json: { type: 'boolean' } },
    run: metrics,
  },
  publish: {
    help: 'lambda-workbench publish <function> [--description TEXT] [--alias NAME] [--endpoint-url URL] [--json]: publishes a version (and points AutoPublishAlias)',
    options: { ...engineOptions, ...sessionOptions, description: { type: 'string', short: 'd' }, alias: { type: 'string' } },
    run: publish,
  },
  versions: {
    help: 'lambda-workbench versions <function> [--endpoint-url URL] [--json]',
    options: { ...engineOptions, ...sessionOptions },
    run: versions,
  },
  alias: {
    help: aliasUsage,
    options: { ...engineOptions, ...sessionOptions, description: { type: 'string', short: 'd' }, routing: { type: 'string' }, 'no-routing': { type: 'boolean' }, version: { type: 'string' } },
    run: alias,
  },
  concurrency: {
    help: concurrencyUsage,
    options: { ...engineOptions, ...sessionOptions, qualifier: { type: 'string', short: 'q' } },
    run: concurrency,
  },
  'generate-event': {
    help: generateEventUsage,
    options: generateEventOptions,
    run: generateEventCommand,
  },
  'fire-schedule': {
    help: 'lambda-workbench fire-schedule <function> [event] [--endpoint-url URL] [--template FILE]: runs a Schedule/ScheduleV2 event now',
    options: endpointOptions,
    run: fireSchedule,
  },
  'async-events': {
    help: 'lambda-workbench async-events [--function NAME] [--json] [--endpoint-url URL]: history of Event invocations (attempts, outcome)',
    options: { ...endpointOptions, function: { type: 'string' }, json: { type: 'boolean' } },
    run: asyncEvents,
  },
  demo: {
    help: 'lambda-workbench demo [--template FILE]: invokes every example function cold and warm, then prints how to serve them',
    options: { ...engineOptions },
    run: demo,
  },
};

export const usage = `Usage: lambda-workbench <command> [options]

Commands:
${Object.values(commands).map((c) => `  ${c.help}`).join('\n')}

Run a command with invalid options to see its help.
`;
