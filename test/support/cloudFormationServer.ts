// A protocol-level CloudFormation test server (no CloudFormation emulator can be reached here): the few
// operations a deploy and a code sync use, over the real Query protocol (cloudFormationProtocol.ts),
// validating what it receives. Executing a change set "creates" the stack's Lambda functions in a second
// engine of ours (the cloud), fetching their zips from the S3 test server, so sync and invoke work on them.
// What it models of the SAM transform: Serverless::Function -> Lambda::Function (+ a Role without Role),
// Serverless::LayerVersion -> Lambda::LayerVersion; other resources are recorded with a physical id only.
import { CreateFunctionCommand, DeleteFunctionCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTemplate } from '../../src/core/project/templateDocument';
import { CfnError, errorXml, memberList, memberStructs, parseQueryRequest, required, resultXml, type Xml } from './cloudFormationProtocol';

const ACCOUNT = '123456789012';
const SAM = 'AWS::Serverless-2016-10-31';

interface Resource { readonly type: string; readonly props: Record<string, unknown>; physicalId?: string; status?: string }
interface StackEvent { readonly id: string; readonly logicalId: string; readonly physicalId: string; readonly type: string; readonly status: string; readonly reason?: string; readonly at: Date }
interface Change { readonly action: 'Add' | 'Modify' | 'Remove'; readonly logicalId: string; readonly type: string; readonly physicalId?: string }
interface ChangeSet { readonly id: string; readonly name: string; readonly stack: Stack; readonly type: 'CREATE' | 'UPDATE'; readonly resources: Map<string, Resource>; readonly changes: Change[]; readonly capabilities: string[]; readonly parameters: Record<string, string>; status: string; reason?: string; execution: string; described: number; readonly created: Date }
interface Stack { readonly id: string; readonly name: string; status: string; reason?: string; resources: Map<string, Resource>; readonly events: StackEvent[]; readonly created: Date; cancel?: boolean; parameters: Record<string, string> }

export interface CloudFormationServerOptions {
  /** The S3 client the "cloud" reads code zips with. */
  readonly s3: S3Client;
  /** The Lambda client of the second engine that plays AWS Lambda. */
  readonly lambda: LambdaClient;
  /** The secret every request must be signed with. */
  readonly secretAccessKey: string;
  readonly region?: string;
}

/** The CloudFormation test server: `url` once started; `requests` lists every Action received. */
export class CloudFormationServer {
  readonly requests: string[] = [];
  readonly stacks = new Map<string, Stack>();
  private readonly changeSets = new Map<string, ChangeSet>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly region: string;
  private running: Promise<void> = Promise.resolve();
  url = '';

  constructor(private readonly options: CloudFormationServerOptions) {
    this.region = options.region ?? 'us-east-1';
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Waits for a running execution, then closes. */
  async stop(): Promise<void> {
    await this.running.catch(() => undefined);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when the running change set execution (if any) has settled. */
  settled(): Promise<void> {
    return this.running.catch(() => undefined);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let status = 200;
    let body: string;
    try {
      const { action, params } = parseQueryRequest(req, Buffer.concat(chunks), this.options.secretAccessKey);
      this.requests.push(action);
      body = resultXml(action, await this.dispatch(action, params));
    } catch (e) {
      const err = e instanceof CfnError ? e : new CfnError('InternalFailure', String(e), 500);
      status = err.status;
      body = errorXml(err);
    }
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
    res.end(body);
  }

  private dispatch(action: string, p: URLSearchParams): Promise<Xml> | Xml {
    switch (action) {
      case 'CreateChangeSet': return this.createChangeSet(p);
      case 'DescribeChangeSet': return this.describeChangeSet(p);
      case 'ExecuteChangeSet': return this.executeChangeSet(p);
      case 'DeleteChangeSet': return void this.changeSets.delete(this.changeSet(p).id);
      case 'DescribeStacks': return { Stacks: [this.stackXml(this.stack(required(p, 'StackName')))] };
      case 'DescribeStackEvents': return this.describeStackEvents(p);
      case 'ListStackResources': return { StackResourceSummaries: this.resourceRows(this.stack(required(p, 'StackName'))) };
      case 'DescribeStackResources': {
        const stack = this.stack(required(p, 'StackName'));
        return { StackResources: this.resourceRows(stack).map((r) => ({ StackName: stack.name, StackId: stack.id, ...r, Timestamp: r.LastUpdatedTimestamp, LastUpdatedTimestamp: undefined })) };
      }
      case 'CancelUpdateStack': {
        const stack = this.stack(required(p, 'StackName'));
        if (stack.status !== 'UPDATE_IN_PROGRESS') throw new CfnError('ValidationError', `CancelUpdateStack cannot be called from current stack status: ${stack.status}`);
        stack.cancel = true;
        return undefined;
      }
      default: throw new CfnError('InvalidAction', `The action ${action} is not valid for this web service (or this test server).`);
    }
  }

  private stack(nameOrId: string): Stack {
    const stack = [...this.stacks.values()].find((s) => s.name === nameOrId || s.id === nameOrId);
    if (!stack) throw new CfnError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    return stack;
  }

  private changeSet(p: URLSearchParams): ChangeSet {
    const name = required(p, 'ChangeSetName');
    const cs = this.changeSets.get(name) ?? [...this.changeSets.values()].find((c) => c.name === name && c.stack.name === p.get('StackName'));
    if (!cs) throw new CfnError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
    return cs;
  }

  private async createChangeSet(p: URLSearchParams): Promise<Xml> {
    const stackName = required(p, 'StackName');
    const name = required(p, 'ChangeSetName');
    if (!/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(stackName)) throw new CfnError('ValidationError', `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`);
    if (!/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/.test(name)) throw new CfnError('ValidationError', `1 validation error detected: Value '${name}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
    const type = (p.get('ChangeSetType') ?? 'UPDATE') as 'CREATE' | 'UPDATE';
    if (type !== 'CREATE' && type !== 'UPDATE' && type !== 'IMPORT') throw new CfnError('ValidationError', `ChangeSetType must be CREATE, UPDATE or IMPORT`);
    const body = p.get('TemplateBody');
    const url = p.get('TemplateURL');
    if ((body === null) === (url === null)) throw new CfnError('ValidationError', 'Exactly one of TemplateBody or TemplateUrl must be specified.');
    let stack = [...this.stacks.values()].find((s) => s.name === stackName);
    if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') throw new CfnError('AlreadyExistsException', `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`);
    if (type === 'UPDATE' && (!stack || stack.status === 'REVIEW_IN_PROGRESS')) throw new CfnError('ValidationError', `Stack [${stackName}] does not exist`);
    const text = body ?? (await (await fetch(url as string)).text());
    const doc = parseTemplate(text, 'template');
    const syntax = doc.problems.find((x) => x.severity === 'error');
    if (syntax) throw new CfnError('ValidationError', `Template format error: ${syntax.message}`);
    const template = doc.value as { Transform?: unknown; Parameters?: Record<string, { Default?: unknown }>; Resources?: Record<string, { Type?: unknown; Properties?: Record<string, unknown> }>; Globals?: { Function?: Record<string, unknown> } };
    if (!template?.Resources || Object.keys(template.Resources).length === 0) throw new CfnError('ValidationError', 'Template format error: At least one Resources member must be defined.');
    const parameters = Object.fromEntries(memberStructs(p, 'Parameters').map((x) => [x['ParameterKey'] ?? '', x['ParameterValue'] ?? '']));
    const missing = Object.entries(template.Parameters ?? {}).filter(([k, d]) => d.Default === undefined && parameters[k] === undefined).map(([k]) => k);
    if (missing.length) throw new CfnError('ValidationError', `Parameters: [${missing.join(', ')}] must have values`);
    if (!stack) {
      stack = { id: `arn:aws:cloudformation:${this.region}:${ACCOUNT}:stack/${stackName}/${randomUUID()}`, name: stackName, status: 'REVIEW_IN_PROGRESS', resources: new Map(), events: [], created: new Date(), parameters: {} };
      this.stacks.set(stack.id, stack);
      this.event(stack, stackName, stack.id, 'AWS::CloudFormation::Stack', 'REVIEW_IN_PROGRESS', 'User Initiated');
    }
    const cs: ChangeSet = { id: `arn:aws:cloudformation:${this.region}:${ACCOUNT}:changeSet/${name}/${randomUUID()}`, name, stack, type, resources: new Map(), changes: [], capabilities: memberList(p, 'Capabilities'), parameters, status: 'CREATE_IN_PROGRESS', execution: 'UNAVAILABLE', described: 0, created: new Date() };
    this.changeSets.set(cs.id, cs);
    try {
      for (const [id, r] of Object.entries(transform(template))) cs.resources.set(id, r);
      const needs = [...cs.resources.values()].some((r) => r.type.startsWith('AWS::IAM::')) ? 'CAPABILITY_IAM' : undefined;
      if (needs && !cs.capabilities.includes(needs) && !cs.capabilities.includes('CAPABILITY_NAMED_IAM')) throw new Error(`Requires capabilities : [${needs}]`);
      for (const [id, r] of cs.resources) {
        const old = stack.resources.get(id);
        if (!old) cs.changes.push({ action: 'Add', logicalId: id, type: r.type });
        else if (JSON.stringify(old.props) !== JSON.stringify(r.props)) cs.changes.push({ action: 'Modify', logicalId: id, type: r.type, ...(old.physicalId ? { physicalId: old.physicalId } : {}) });
      }
      for (const [id, old] of stack.resources) if (!cs.resources.has(id)) cs.changes.push({ action: 'Remove', logicalId: id, type: old.type, ...(old.physicalId ? { physicalId: old.physicalId } : {}) });
      if (cs.changes.length === 0 && JSON.stringify(parameters) === JSON.stringify(stack.parameters)) throw new Error("The submitted information didn't contain changes. Submit different information to create a change set.");
      cs.execution = 'AVAILABLE';
    } catch (e) {
      cs.status = 'FAILED';
      cs.reason = (e as Error).message;
    }
    return { Id: cs.id, StackId: stack.id };
  }

  private describeChangeSet(p: URLSearchParams): Xml {
    const cs = this.changeSet(p);
    // Computing takes one look, as in the service: the first describe sees CREATE_IN_PROGRESS.
    const status = cs.described++ === 0 && cs.status !== 'FAILED' ? 'CREATE_IN_PROGRESS' : cs.status === 'CREATE_IN_PROGRESS' ? (cs.status = 'CREATE_COMPLETE') : cs.status;
    return {
      ChangeSetName: cs.name, ChangeSetId: cs.id, StackId: cs.stack.id, StackName: cs.stack.name, CreationTime: cs.created,
      ExecutionStatus: status === 'CREATE_COMPLETE' ? cs.execution : 'UNAVAILABLE', Status: status, StatusReason: cs.reason, Capabilities: cs.capabilities,
      Parameters: Object.entries(cs.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      Changes: cs.changes.map((c) => ({ Type: 'Resource', ResourceChange: { Action: c.action, LogicalResourceId: c.logicalId, PhysicalResourceId: c.physicalId, ResourceType: c.type, Replacement: c.action === 'Modify' ? 'False' : undefined } })),
    };
  }

  private executeChangeSet(p: URLSearchParams): Xml {
    const cs = this.changeSet(p);
    if (cs.status !== 'CREATE_COMPLETE' || cs.execution !== 'AVAILABLE') throw new CfnError('InvalidChangeSetStatus', `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status}]`);
    cs.execution = 'EXECUTE_IN_PROGRESS';
    this.changeSets.delete(cs.id);
    this.running = this.run(cs);
    return undefined;
  }

  private describeStackEvents(p: URLSearchParams): Xml {
    const stack = this.stack(required(p, 'StackName'));
    const newestFirst = [...stack.events].reverse();
    const start = Number(p.get('NextToken') ?? 0);
    const page = newestFirst.slice(start, start + 10);
    return {
      StackEvents: page.map((e) => ({ StackId: stack.id, EventId: e.id, StackName: stack.name, LogicalResourceId: e.logicalId, PhysicalResourceId: e.physicalId, ResourceType: e.type, Timestamp: e.at, ResourceStatus: e.status, ResourceStatusReason: e.reason })),
      NextToken: start + 10 < newestFirst.length ? String(start + 10) : undefined,
    };
  }

  private stackXml(s: Stack): Xml {
    return { StackId: s.id, StackName: s.name, CreationTime: s.created, StackStatus: s.status, StackStatusReason: s.reason, Parameters: Object.entries(s.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })) };
  }

  private resourceRows(s: Stack): { LogicalResourceId: string; PhysicalResourceId: string | undefined; ResourceType: string; ResourceStatus: string; LastUpdatedTimestamp: Date }[] {
    return [...s.resources].map(([id, r]) => ({ LogicalResourceId: id, PhysicalResourceId: r.physicalId, ResourceType: r.type, ResourceStatus: r.status ?? 'CREATE_COMPLETE', LastUpdatedTimestamp: s.created }));
  }

  private event(stack: Stack, logicalId: string, physicalId: string, type: string, status: string, reason?: string): void {
    stack.events.push({ id: randomUUID(), logicalId, physicalId, type, status, ...(reason ? { reason } : {}), at: new Date() });
  }

  // The execution: each change in dependency order (roles and layers, then functions, then the rest,
  // removals last), one event before and after; the first failure rolls back what this execution added.
  private async run(cs: ChangeSet): Promise<void> {
    const stack = cs.stack;
    const verb = cs.type === 'CREATE' ? 'CREATE' : 'UPDATE';
    const setStatus = (status: string, reason?: string): void => {
      stack.status = status;
      stack.reason = reason;
      this.event(stack, stack.name, stack.id, 'AWS::CloudFormation::Stack', status, reason);
    };
    setStatus(`${verb}_IN_PROGRESS`, 'User Initiated');
    const rank = (c: Change): number => (c.action === 'Remove' ? 3 : c.type === 'AWS::Lambda::Function' ? 1 : c.type.startsWith('AWS::IAM::') || c.type.includes('LayerVersion') ? 0 : 2);
    const added: string[] = [];
    let failed: { id: string; reason: string } | undefined;
    for (const c of [...cs.changes].sort((a, b) => rank(a) - rank(b))) {
      await new Promise((r) => setImmediate(r));
      if (stack.cancel) {
        failed = { id: c.logicalId, reason: 'Resource update cancelled' };
        break;
      }
      const next = cs.resources.get(c.logicalId);
      const old = stack.resources.get(c.logicalId);
      const op = c.action === 'Add' ? 'CREATE' : c.action === 'Modify' ? 'UPDATE' : 'DELETE';
      this.event(stack, c.logicalId, old?.physicalId ?? '', c.type, `${op}_IN_PROGRESS`);
      try {
        if (c.action === 'Remove' && old) {
          if (old.type === 'AWS::Lambda::Function' && old.physicalId) await this.options.lambda.send(new DeleteFunctionCommand({ FunctionName: old.physicalId }));
          stack.resources.delete(c.logicalId);
        } else if (next) {
          next.physicalId = old?.physicalId ?? (typeof next.props['FunctionName'] === 'string' ? next.props['FunctionName'] : physicalName(stack.name, c.logicalId, next.type, this.region));
          if (next.type === 'AWS::Lambda::Function') await this.applyFunction(next, old, cs);
          next.status = `${op}_COMPLETE`;
          stack.resources.set(c.logicalId, next);
          if (c.action === 'Add') added.push(c.logicalId);
        }
        this.event(stack, c.logicalId, next?.physicalId ?? old?.physicalId ?? '', c.type, `${op}_COMPLETE`);
      } catch (e) {
        failed = { id: c.logicalId, reason: `Resource handler returned message: "${(e as Error).message}"` };
        this.event(stack, c.logicalId, next?.physicalId ?? '', c.type, `${op}_FAILED`, failed.reason);
        break;
      }
    }
    stack.cancel = false;
    if (!failed) {
      stack.parameters = cs.parameters;
      setStatus(`${verb}_COMPLETE`);
      return;
    }
    const rollback = cs.type === 'CREATE' ? 'ROLLBACK' : 'UPDATE_ROLLBACK';
    setStatus(`${rollback}_IN_PROGRESS`, `The following resource(s) failed to ${verb.toLowerCase()}: [${failed.id}]. ${cs.type === 'CREATE' ? 'Rollback requested by user.' : ''}`.trim());
    for (const id of added.reverse()) {
      const r = stack.resources.get(id) as Resource;
      this.event(stack, id, r.physicalId ?? '', r.type, 'DELETE_IN_PROGRESS');
      if (r.type === 'AWS::Lambda::Function' && r.physicalId) await this.options.lambda.send(new DeleteFunctionCommand({ FunctionName: r.physicalId })).catch(() => undefined);
      stack.resources.delete(id);
      this.event(stack, id, r.physicalId ?? '', r.type, 'DELETE_COMPLETE');
    }
    setStatus(`${rollback}_COMPLETE`);
  }

  private async applyFunction(next: Resource, old: Resource | undefined, cs: ChangeSet): Promise<void> {
    const code = next.props['Code'] as { S3Bucket?: string; S3Key?: string; ZipFile?: string };
    let zip: Uint8Array | undefined;
    if (code.S3Bucket && code.S3Key) {
      try {
        const obj = await this.options.s3.send(new GetObjectCommand({ Bucket: code.S3Bucket, Key: code.S3Key }));
        zip = await obj.Body?.transformToByteArray();
      } catch (e) {
        throw new Error(`Error occurred while GetObject. S3 Error Code: ${(e as { name?: string }).name}. S3 Error Message: ${(e as Error).message}`, { cause: e });
      }
    }
    const config = {
      Runtime: String(next.props['Runtime'] ?? '') as never,
      Handler: String(next.props['Handler'] ?? ''),
      MemorySize: Number(next.props['MemorySize'] ?? 128),
      Timeout: Number(next.props['Timeout'] ?? 3),
      Environment: { Variables: resolveStrings((next.props['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}, cs.parameters) },
      Role: `arn:aws:iam::${ACCOUNT}:role/${next.physicalId ?? 'role'}-role`,
    };
    if (!old) {
      await this.options.lambda.send(new CreateFunctionCommand({ FunctionName: next.physicalId, ...config, Code: zip ? { ZipFile: zip } : { ZipFile: Buffer.from(String(code.ZipFile ?? '')) } }));
      return;
    }
    if (JSON.stringify(old.props['Code']) !== JSON.stringify(code) && zip) await this.options.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: next.physicalId, ZipFile: zip }));
    const { Runtime: _r, ...rest } = config;
    await this.options.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: next.physicalId, ...rest }));
  }
}

// Enough of the SAM transform for these tests, with its validation of code locations.
function transform(template: { Transform?: unknown; Resources?: Record<string, { Type?: unknown; Properties?: Record<string, unknown> }>; Globals?: { Function?: Record<string, unknown> } }): Record<string, Resource> {
  const out: Record<string, Resource> = {};
  const transforms = Array.isArray(template.Transform) ? template.Transform : [template.Transform];
  const unknown = Object.values(template.Resources ?? {}).map((r) => String(r.Type)).filter((t) => t.startsWith('AWS::Serverless::'));
  if (unknown.length && !transforms.includes(SAM)) throw new Error(`Template format error: Unrecognized resource types: [${[...new Set(unknown)].join(', ')}]`);
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    const type = String(r.Type);
    const props = r.Properties ?? {};
    if (type === 'AWS::Serverless::Function') {
      const merged = { ...(template.Globals?.Function ?? {}), ...props };
      const uri = merged['CodeUri'];
      const loc = typeof uri === 'string' ? /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) : undefined;
      if (merged['InlineCode'] === undefined && !loc && !(uri && typeof uri === 'object' && 'Bucket' in uri && 'Key' in uri)) {
        throw new Error(`Transform ${SAM} failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [${id}] is invalid. 'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.`);
      }
      const code = merged['InlineCode'] !== undefined ? { ZipFile: merged['InlineCode'] } : loc ? { S3Bucket: loc[1], S3Key: loc[2] } : { S3Bucket: (uri as { Bucket: string }).Bucket, S3Key: (uri as { Key: string }).Key };
      const fn: Record<string, unknown> = { Code: code };
      for (const k of ['Handler', 'Runtime', 'MemorySize', 'Timeout', 'Environment', 'Layers', 'Architectures', 'FunctionName']) if (merged[k] !== undefined) fn[k] = merged[k];
      fn['Role'] = merged['Role'] ?? { 'Fn::GetAtt': [`${id}Role`, 'Arn'] };
      if (merged['Role'] === undefined) out[`${id}Role`] = { type: 'AWS::IAM::Role', props: { AssumeRolePolicyDocument: { Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }] } } };
      out[id] = { type: 'AWS::Lambda::Function', props: fn };
    } else if (type === 'AWS::Serverless::LayerVersion') {
      const uri = props['ContentUri'];
      const loc = typeof uri === 'string' ? /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) : undefined;
      if (!loc) throw new Error(`Transform ${SAM} failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [${id}] is invalid. 'ContentUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.`);
      out[id] = { type: 'AWS::Lambda::LayerVersion', props: { Content: { S3Bucket: loc[1], S3Key: loc[2] }, CompatibleRuntimes: props['CompatibleRuntimes'] } };
    } else if (type === 'AWS::Lambda::Function') {
      const code = props['Code'] as Record<string, unknown> | undefined;
      if (!code || (code['ZipFile'] === undefined && (typeof code['S3Bucket'] !== 'string' || typeof code['S3Key'] !== 'string') && code['ImageUri'] === undefined)) {
        throw new Error(`Properties validation failed for resource ${id} with message: #/Code: required key [S3Bucket] not found`);
      }
      out[id] = { type, props };
    } else out[id] = { type, props };
  }
  return out;
}

function physicalName(stack: string, logicalId: string, type: string, region: string): string {
  const suffix = randomBytes(6).toString('hex').toUpperCase();
  const name = `${stack}-${logicalId}-${suffix}`.slice(0, 64);
  return type === 'AWS::Lambda::LayerVersion' ? `arn:aws:lambda:${region}:${ACCOUNT}:layer:${stack}-${logicalId}:1` : name;
}

// Environment values may be parameters (!Ref) in these tests; other intrinsics become their JSON.
function resolveStrings(vars: Record<string, unknown>, params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : v && typeof v === 'object' && 'Ref' in v ? (params[String((v).Ref)] ?? '') : JSON.stringify(v)]));
}
