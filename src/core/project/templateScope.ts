// The names an intrinsic can refer to: pseudo parameters, template Parameters (with overrides),
// Conditions, Mappings and the template's resources as they exist locally.
import type { Partition } from '../arn';
import { NO_VALUE, evaluateCondition, resolveIntrinsics, type ReportProblem, type ResolveScope } from './intrinsics';
import { NAME_PROPERTY, attributeValue, defaultName, refValue, type LocalResource } from './localResources';
import { placeholderAttribute, placeholderRef } from './placeholderValues';
import { samImplicitResource } from './samImplicitResources';
import type { ProblemSink } from './problemSink';
import type { TemplatePath } from './templateDocument';

/** How a template is instantiated locally. */
export interface ScopeOptions {
  readonly partition: Partition;
  /** `AWS::StackName`; default `local`. */
  readonly stackName?: string;
  /** Values for template Parameters, overriding their Default. */
  readonly parameterOverrides?: Readonly<Record<string, string>>;
}

/** A raw template resource entry. */
export interface RawResource {
  readonly Type?: unknown;
  readonly Properties?: unknown;
  readonly Condition?: unknown;
  readonly Metadata?: unknown;
}

type ParamValue = string | readonly string[];
const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Resolution scope built from one template; reports its own problems to the sink. */
export class TemplateScope implements ResolveScope {
  readonly region: string;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly resources: Readonly<Record<string, RawResource>>;
  private readonly params = new Map<string, ParamValue | undefined>();
  private readonly conditionDefs: Record<string, unknown>;
  private readonly conditionValues = new Map<string, boolean | undefined>();
  private readonly evaluating = new Set<string>();
  private readonly localResources = new Map<string, LocalResource | null>();
  private readonly resolvingNames = new Set<string>();
  private readonly absolute: ReportProblem;
  private readonly globals: Record<string, unknown>;
  /** Parameters without a Default or override (they resolve to ""), in template order. */
  readonly missing: string[] = [];

  constructor(template: Record<string, unknown>, private readonly options: ScopeOptions, private readonly sink: ProblemSink) {
    this.region = options.partition.region;
    this.mappings = asRecord(template['Mappings']);
    this.resources = asRecord(template['Resources']) as Record<string, RawResource>;
    this.conditionDefs = asRecord(template['Conditions']);
    this.globals = asRecord(template['Globals']);
    this.absolute = (at, severity, code, message) => sink.add(severity, code, message, at);
    this.loadParameters(asRecord(template['Parameters']));
  }

  /** Whether a resource is created: its `Condition`, if any, is true. */
  isActive(logicalId: string): boolean {
    const c = asRecord(this.resources[logicalId])['Condition'];
    if (c === undefined) return true;
    if (typeof c !== 'string') return true;
    return this.condition(c, ['Resources', logicalId, 'Condition'], this.absolute) === true;
  }

  ref(name: string, at: TemplatePath, report: ReportProblem): unknown {
    const p = this.options.partition;
    switch (name) {
      case 'AWS::Region': return p.region;
      case 'AWS::AccountId': return p.accountId;
      case 'AWS::StackName': return this.options.stackName ?? 'local';
      case 'AWS::StackId': return `arn:aws:cloudformation:${p.region}:${p.accountId}:stack/${this.options.stackName ?? 'local'}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::Partition': return 'aws';
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::NotificationARNs': return [];
      case 'AWS::NoValue': return NO_VALUE;
    }
    if (this.params.has(name)) {
      return this.params.get(name);
    }
    if (this.isCircular(name, at, report)) return undefined;
    const r = this.resource(name);
    if (r) return r.ref ?? refValue(r, p) ?? placeholderRef(r, p);
    report(at, 'error', 'unresolved-ref', `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`);
    return undefined;
  }

  getAtt(logicalId: string, attribute: string, at: TemplatePath, report: ReportProblem): string | undefined {
    if (this.isCircular(logicalId, at, report)) return undefined;
    const r = this.resource(logicalId);
    if (!r) {
      report(at, 'error', 'unresolved-getatt', `Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
      return undefined;
    }
    const v = attributeValue(r, attribute, this.options.partition);
    if (v !== undefined) return v;
    if (r.type === 'AWS::DynamoDB::Table' && attribute === 'StreamArn') {
      report(at, 'warning', 'getatt-unresolvable', `Fn::GetAtt ${logicalId}.${attribute} cannot be resolved: the table has no StreamSpecification`);
      return undefined;
    }
    // `${Api.Stage}` in a Sub reads like GetAtt but names SAM's generated resource.
    const implicit = this.resource(`${logicalId}.${attribute}`);
    if (implicit?.ref !== undefined) return implicit.ref;
    const placeholder = placeholderAttribute(r, attribute, this.options.partition);
    report(at, 'warning', 'getatt-placeholder', `Fn::GetAtt ${logicalId}.${attribute} (${r.type}) is not modelled locally: it resolves to the placeholder ${placeholder}`);
    return placeholder;
  }

  condition(name: string, at: TemplatePath, report: ReportProblem): boolean | undefined {
    if (this.conditionValues.has(name)) return this.conditionValues.get(name);
    if (!(name in this.conditionDefs)) {
      report(at, 'error', 'condition-missing', `Condition ${name} is not defined in the Conditions section of the template`);
      return undefined;
    }
    if (this.evaluating.has(name)) {
      this.absolute(['Conditions', name], 'error', 'condition-circular', `Template error: found circular condition dependency between ${[...this.evaluating].join(' and ')}`);
      return undefined;
    }
    this.evaluating.add(name);
    const v = evaluateCondition(this.conditionDefs[name], this, ['Conditions', name], this.absolute);
    this.evaluating.delete(name);
    this.conditionValues.set(name, v);
    return v;
  }

  /** A resource as intrinsics see it, or undefined when absent or not created. */
  resource(logicalId: string): LocalResource | undefined {
    const cached = this.localResources.get(logicalId);
    if (cached !== undefined) return cached ?? undefined;
    if (this.resolvingNames.has(logicalId)) return undefined;
    this.resolvingNames.add(logicalId);
    const raw = this.resources[logicalId];
    let result: LocalResource | undefined;
    if (raw && typeof raw.Type === 'string' && this.isActive(logicalId)) {
      const properties = asRecord(raw.Properties);
      const nameProp = NAME_PROPERTY[raw.Type];
      const named = nameProp ? resolveIntrinsics(properties[nameProp], this, ['Resources', logicalId, 'Properties', nameProp], this.absolute) : undefined;
      const name = typeof named === 'string' || typeof named === 'number' ? String(named) : defaultName(raw.Type, logicalId, properties);
      result = { type: raw.Type, logicalId, name, properties };
    } else if (!raw) {
      result = samImplicitResource(logicalId, this.resources, this.options.partition, (fnId) => this.resource(fnId)?.name ?? fnId, asRecord(this.globals)['Api']);
    }
    this.resolvingNames.delete(logicalId);
    this.localResources.set(logicalId, result ?? null);
    return result;
  }

  // A resource whose name is being resolved is referring to itself through that name.
  private isCircular(logicalId: string, at: TemplatePath, report: ReportProblem): boolean {
    if (!this.resolvingNames.has(logicalId)) return false;
    report(at, 'error', 'circular-dependency', `Template format error: Circular dependency between resources: [${logicalId}]`);
    return true;
  }

  private loadParameters(defs: Record<string, unknown>): void {
    const overrides = this.options.parameterOverrides ?? {};
    for (const [name, rawDef] of Object.entries(defs)) {
      const def = asRecord(rawDef);
      const type = typeof def['Type'] === 'string' ? def['Type'] : 'String';
      const at: TemplatePath = ['Parameters', name];
      const isSsm = type.startsWith('AWS::SSM::Parameter::Value<');
      const raw = name in overrides ? overrides[name] : def['Default'] === undefined || isSsm ? undefined : scalarText(def['Default']);
      if (raw === undefined) {
        // sam local gives a parameter without a value the empty string; so do we, and say which.
        const message = isSsm
          ? `Parameter ${name} names the SSM parameter ${scalarText(def['Default'] ?? '')}, which is not read locally: it resolves to "". Give it a value with --parameter-overrides ${name}=VALUE (in VS Code: Lambda: Set Template Parameter Values)`
          : `Parameter ${name} has no Default and no override: it resolves to "". Give it a value with --parameter-overrides ${name}=VALUE (in VS Code: Lambda: Set Template Parameter Values)`;
        this.sink.add('warning', 'parameter-missing', message, { path: at, part: 'key' }, name);
        this.missing.push(name);
        // A list parameter becomes [""], as splitting "" gives, so Fn::Select 0 still works.
        this.params.set(name, type === 'CommaDelimitedList' || /^List<.*>$/.test(type) ? [''] : '');
        continue;
      }
      const isList = type === 'CommaDelimitedList' || /^List<.*>$/.test(type);
      const values = isList ? raw.split(',').map((s) => s.trim()) : [raw];
      this.checkConstraints(name, def, values, at);
      this.params.set(name, isList ? values : raw);
    }
  }

  private checkConstraints(name: string, def: Record<string, unknown>, values: readonly string[], at: TemplatePath): void {
    const allowed = Array.isArray(def['AllowedValues']) ? def['AllowedValues'].map(scalarText) : undefined;
    const pattern = typeof def['AllowedPattern'] === 'string' ? def['AllowedPattern'] : undefined;
    for (const v of values) {
      if (allowed && !allowed.includes(v)) {
        this.sink.add('error', 'parameter-not-allowed', `Parameter '${name}' must be one of AllowedValues`, at, name);
      } else if (pattern !== undefined && !safeFullMatch(pattern, v)) {
        this.sink.add('error', 'parameter-pattern', `Parameter '${name}' must match pattern ${pattern}`, at, name);
      } else if (def['Type'] === 'Number' && (v.trim() === '' || Number.isNaN(Number(v)))) {
        this.sink.add('error', 'parameter-number', `Parameter '${name}' must be a number`, at, name);
      }
    }
  }
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) ? v.map(String).join(',') : String(v);
}

function safeFullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true;
  }
}
