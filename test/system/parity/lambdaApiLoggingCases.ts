// test_lambda_api.py::TestLoggingConfig cases (LoggingConfig on create and update), re-enacted with our own code.
import type { CaseContext, ParityCase } from './parityCase';

async function start(ctx: CaseContext, extra: Record<string, unknown> = {}): Promise<string> {
  const fn = ctx.name();
  ctx.match('create_response', await ctx.createFunction(fn, { MemorySize: 256, Timeout: 5, ...extra }));
  ctx.match('get_function_response', await ctx.call('get_function', { FunctionName: fn }));
  ctx.match('function_config', await ctx.call('get_function_configuration', { FunctionName: fn }));
  return fn;
}

async function update(ctx: CaseContext, fn: string, config: Record<string, unknown>, suffix = ''): Promise<void> {
  ctx.match(`updated_config${suffix}`, await ctx.call('update_function_configuration', { FunctionName: fn, LoggingConfig: config }));
  await ctx.waitActive(fn);
  ctx.match(`received_config${suffix}`, await ctx.call('get_function_configuration', { FunctionName: fn }));
}

const advanced: ParityCase = {
  id: 'TestLoggingConfig::test_function_advanced_logging_configuration',
  run: async (ctx) => {
    const fn = await start(ctx, { LoggingConfig: { LogFormat: 'JSON' } });
    await update(ctx, fn, { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: 'cool_lambda' });
  },
};

const formatSwitch: ParityCase = {
  id: 'TestLoggingConfig::test_advanced_logging_configuration_format_switch',
  run: async (ctx) => {
    const fn = await start(ctx);
    await update(ctx, fn, { LogFormat: 'JSON' });
    await update(ctx, fn, { LogFormat: 'Text' }, '_v2');
  },
};

const partial = (i: number, config: Record<string, unknown>): ParityCase => ({
  id: `TestLoggingConfig::test_function_partial_advanced_logging_configuration_update[partial_config${i}]`,
  run: async (ctx) => {
    const fn = await start(ctx);
    await update(ctx, fn, config);
  },
});

/** LoggingConfig cases. */
export const loggingCases: readonly ParityCase[] = [
  advanced,
  formatSwitch,
  partial(0, { LogFormat: 'JSON' }),
  partial(1, { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' }),
  partial(2, { LogFormat: 'JSON', SystemLogLevel: 'DEBUG' }),
  partial(3, { LogGroup: 'cool_lambda' }),
];
