// What the language server knows about function resources: each property's meaning and limits (for
// hover and completion), the resource-level keys, and which properties Globals.Function accepts.

/** One property of a function resource. */
export interface PropertyDoc {
  readonly name: string;
  /** `String`, `Integer`, `List of String`, `Map`... */
  readonly type: string;
  readonly meaning: string;
  /** Limits and defaults, in AWS's terms. */
  readonly limits?: string;
  /** Only on AWS::Serverless::Function (SAM) or only on AWS::Lambda::Function. */
  readonly only?: 'sam' | 'lambda';
  /** Accepted in Globals.Function. */
  readonly global?: boolean;
}

const p = (name: string, type: string, meaning: string, limits?: string, extra: Partial<PropertyDoc> = {}): PropertyDoc => ({ name, type, meaning, ...(limits ? { limits } : {}), ...extra });

/** Properties of AWS::Serverless::Function and AWS::Lambda::Function. */
export const FUNCTION_PROPERTIES: readonly PropertyDoc[] = [
  p('Handler', 'String', 'The function the runtime calls: `file.export` for Node.js (`index.handler` loads index.js/.mjs/.cjs and calls its `handler` export), `module.function` for Python. Custom runtimes receive it as `_HANDLER`.', 'Up to 128 characters. Required for zip packages.', { global: true }),
  p('Runtime', 'String', 'The language runtime and version, e.g. `nodejs20.x`, `python3.12`, `provided.al2023`. Locally, Node.js, Python and custom (`provided`) runtimes run.', 'One of the runtimes Lambda currently accepts; deprecated runtimes are refused on create/update.', { global: true }),
  p('CodeUri', 'String | S3 location', 'The directory (relative to the template) holding the function code: LAMBDA_TASK_ROOT, i.e. /var/task.', 'Zip packages: 50 MB zipped upload, 250 MB unzipped including layers.', { only: 'sam', global: true }),
  p('Code', 'Code', 'The deployment package: `ZipFile` inline code, or an `S3Bucket`/`S3Key` location; a local directory path also works here.', '50 MB zipped, 250 MB unzipped including layers.', { only: 'lambda' }),
  p('FunctionName', 'String', 'The function name; CloudFormation generates one when omitted (locally the logical id is used).', '1-64 characters: letters, digits, hyphens and underscores.'),
  p('Description', 'String', 'A description of the function, shown by GetFunction and in the explorer.', 'Up to 256 characters.', { global: true }),
  p('MemorySize', 'Integer', 'Memory available to the function in MB; CPU is allocated in proportion (1,769 MB is one vCPU). Billing is memory x duration.', '128-10,240 MB in 1-MB steps. Default 128.', { global: true }),
  p('Timeout', 'Integer', 'How long an invocation may run before Lambda stops it with "Task timed out". Locally the clock pauses while a debugger holds a breakpoint.', '1-900 seconds. Default 3.', { global: true }),
  p('Environment', 'Environment', 'Environment variables: `Variables: {KEY: value}`. Lambda reserves AWS_* and LAMBDA_* names it sets itself.', 'All variables together at most 4 KB.', { global: true }),
  p('EphemeralStorage', 'EphemeralStorage', 'Size of /tmp: `Size: 512`.', '512-10,240 MB. Default 512.', { global: true }),
  p('Architectures', 'List of String', 'The instruction set: `x86_64` or `arm64` (arm64 is about 20% cheaper per GB-second).', 'Exactly one value. Default x86_64.', { global: true }),
  p('Layers', 'List of String', 'Layer version ARNs or local layer resources (`!Ref MyLayer`), mounted in /opt in order.', 'At most 5 layers; 250 MB unzipped with the function.', { global: true }),
  p('ReservedConcurrentExecutions', 'Integer', 'Concurrency reserved for this function, which is also its maximum; 0 throttles every invocation.', '0 up to the account limit minus 100 unreserved.', { global: true }),
  p('ProvisionedConcurrencyConfig', 'ProvisionedConcurrencyConfig', 'Environments kept initialized for the alias (`ProvisionedConcurrentExecutions: N`); needs AutoPublishAlias.', 'At most the reserved or account concurrency.', { only: 'sam', global: true }),
  p('AutoPublishAlias', 'String', 'SAM publishes a new version on each deploy when the code or configuration changed and points this alias at it.', 'Alias name: letters, digits, - and _, not only digits.', { only: 'sam', global: true }),
  p('AutoPublishAliasAllProperties', 'Boolean', 'Publish a new version when any property changes, not only code and a few configuration properties.', undefined, { only: 'sam', global: true }),
  p('DeploymentPreference', 'DeploymentPreference', 'Gradual deployment of new versions through CodeDeploy (Canary10Percent5Minutes, Linear10PercentEvery1Minute...).', 'Needs AutoPublishAlias.', { only: 'sam', global: true }),
  p('Events', 'Map of EventSource', 'Event sources that invoke the function: Api, HttpApi, SQS, SNS, S3, Schedule, EventBridgeRule, DynamoDB, Kinesis...', undefined, { only: 'sam' }),
  p('DeadLetterQueue', 'DeadLetterQueue', 'Where failed asynchronous events go after retries: `Type: SQS|SNS` and `TargetArn`.', undefined, { only: 'sam', global: true }),
  p('DeadLetterConfig', 'DeadLetterConfig', 'Where failed asynchronous events go after retries: `TargetArn` of an SQS queue or SNS topic.', undefined, { only: 'lambda' }),
  p('EventInvokeConfig', 'EventInvokeConfiguration', 'Asynchronous invocation settings: MaximumEventAgeInSeconds (60-21,600), MaximumRetryAttempts (0-2) and on-success/on-failure destinations.', undefined, { only: 'sam', global: true }),
  p('Role', 'String', 'ARN of the execution role whose permissions the function has; SAM creates one from Policies when omitted.', undefined, { global: false }),
  p('Policies', 'String | List | Map', 'IAM policies (managed names, SAM policy templates or documents) SAM attaches to the generated role.', undefined, { only: 'sam' }),
  p('Tracing', 'String', 'X-Ray tracing: `Active` or `PassThrough`.', undefined, { global: true }),
  p('TracingConfig', 'TracingConfig', 'X-Ray tracing: `Mode: Active|PassThrough`.', undefined, { only: 'lambda' }),
  p('VpcConfig', 'VpcConfig', 'Subnets and security groups to run the function in a VPC. Not modelled locally (the function uses the host network).', undefined, { global: true }),
  p('KmsKeyArn', 'String', 'KMS key that encrypts environment variables at rest.', undefined, { global: true }),
  p('LoggingConfig', 'LoggingConfig', 'Log format (`Text` or `JSON`), application and system log levels, and the log group (default /aws/lambda/<name>).', undefined, { global: true }),
  p('PackageType', 'String', '`Zip` (code and a runtime) or `Image` (a container image; not run locally).', 'Default Zip.', { global: true }),
  p('InlineCode', 'String', 'The function code written in the template itself.', 'Up to 4 KB; Node.js and Python only.', { only: 'sam' }),
  p('Tags', 'Map', 'Tags of the function (and of the role SAM creates).', 'Up to 50 tags.', { global: true }),
  p('DurableConfig', 'DurableConfig', 'Makes the function durable: Invoke starts a durable execution that checkpoints its steps (durable execution SDK) and replays after waits, retries and callbacks. `ExecutionTimeout` (seconds) bounds the whole execution; `RetentionPeriodInDays` keeps its history.', 'ExecutionTimeout 1-31,622,400 s (required in templates); RetentionPeriodInDays 1-90, default 14.'),
  p('FunctionUrlConfig', 'FunctionUrlConfig', 'A dedicated HTTPS endpoint for the function: `AuthType: NONE|AWS_IAM`, CORS.', undefined, { only: 'sam', global: true }),
  p('SnapStart', 'SnapStart', 'Snapshot of the initialized environment to cut cold starts (`ApplyOn: PublishedVersions`).', 'Java, Python 3.12+ and .NET 8+.', { global: true }),
  p('RuntimeManagementConfig', 'RuntimeManagementConfig', 'When Lambda updates the runtime version: Auto, FunctionUpdate or Manual.', undefined, { global: true }),
  p('RecursiveLoop', 'String', 'What Lambda does when it detects a recursive loop: `Terminate` (default) or `Allow`.', undefined, { global: true }),
  p('CodeSigningConfigArn', 'String', 'Code signing configuration the deployment package must satisfy.', undefined, { global: true }),
  p('FileSystemConfigs', 'List of FileSystemConfig', 'EFS access points mounted in the function (`Arn`, `LocalMountPath` under /mnt).', 'At most 1.', { global: true }),
  p('ImageConfig', 'ImageConfig', 'Overrides of a container image: Command, EntryPoint, WorkingDirectory.', undefined, { global: false }),
];

/** Keys of a resource entry itself. */
export const RESOURCE_KEYS: readonly PropertyDoc[] = [
  p('Type', 'String', 'The resource type, e.g. `AWS::Serverless::Function`.'),
  p('Properties', 'Map', 'The resource properties.'),
  p('Metadata', 'Map', 'Extra data; for SAM functions `BuildMethod: esbuild` with `BuildProperties` bundles TypeScript.'),
  p('DependsOn', 'String | List', 'Resources created before this one.'),
  p('Condition', 'String', 'Create the resource only when this template condition is true.'),
];

/** The properties of a function resource type (undefined for other types). */
export function functionProperties(type: string | undefined): readonly PropertyDoc[] | undefined {
  if (type === 'AWS::Serverless::Function') return FUNCTION_PROPERTIES.filter((d) => d.only !== 'lambda');
  if (type === 'AWS::Lambda::Function') return FUNCTION_PROPERTIES.filter((d) => d.only !== 'sam');
  return undefined;
}

/** The properties Globals.Function accepts. */
export const GLOBAL_FUNCTION_PROPERTIES: readonly PropertyDoc[] = FUNCTION_PROPERTIES.filter((d) => d.global && d.only !== 'lambda');

/** Markdown for hover and completion documentation. */
export function propertyMarkdown(d: PropertyDoc): string {
  return [`**${d.name}** (${d.type})`, '', d.meaning, ...(d.limits ? ['', `Limits: ${d.limits}`] : [])].join('\n');
}
