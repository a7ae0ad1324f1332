// Plausible stand-ins for `Fn::GetAtt` / `Ref` on resources the engine does not model (a Cognito user
// pool's Arn, an RDS endpoint...): ARN-shaped, URL-shaped or name-shaped, so code that reads them runs.
import { createHash } from 'node:crypto';
import type { Partition } from '../arn';
import type { LocalResource } from './localResources';

// Resource types whose Ref is an ARN rather than a name (CloudFormation's documented return values).
const REF_IS_ARN = new Set([
  'AWS::SecretsManager::Secret', 'AWS::IAM::ManagedPolicy', 'AWS::ECS::TaskDefinition', 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::CertificateManager::Certificate',
  'AWS::Lambda::LayerVersion', 'AWS::Lambda::Version', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::Batch::JobQueue', 'AWS::Batch::JobDefinition',
]);

/** The service and resource-type segments of an ARN for a CloudFormation type (`AWS::Cognito::UserPool` -> cognito-idp, userpool). */
function arnParts(type: string): { service: string; kind: string } {
  const [, svc = 'unknown', kind = 'resource'] = type.split('::');
  const services: Record<string, string> = { Cognito: 'cognito-idp', ApiGateway: 'apigateway', ApiGatewayV2: 'apigateway', Serverless: 'serverless', ElasticLoadBalancingV2: 'elasticloadbalancing', KinesisFirehose: 'firehose', StepFunctions: 'states', CertificateManager: 'acm', OpenSearchService: 'es', Elasticsearch: 'es', RDS: 'rds', EventSchemas: 'schemas', AmazonMQ: 'mq', MSK: 'kafka', SecretsManager: 'secretsmanager' };
  return { service: services[svc] ?? svc.toLowerCase(), kind: kind.toLowerCase() };
}

/** A short, stable id derived from the logical id (ids such as an API's or a user pool client's). */
function shortId(logicalId: string): string {
  return createHash('sha256').update(logicalId).digest('hex').slice(0, 10);
}

// A database's port follows its engine; anything else is reached over HTTPS.
function defaultPort(r: LocalResource): string {
  const engine = String(r.properties['Engine'] ?? '').toLowerCase();
  if (engine.includes('postgres')) return '5432';
  if (engine.includes('mysql') || engine.includes('aurora') || engine.includes('mariadb')) return '3306';
  if (r.type.startsWith('AWS::ElastiCache::')) return '6379';
  return '443';
}

/** An ARN for the resource in the local partition. */
export function placeholderArn(r: LocalResource, p: Partition): string {
  const { service, kind } = arnParts(r.type);
  const global = service === 'iam' || service === 's3' || service === 'cloudfront';
  return `arn:aws:${service}:${global ? '' : p.region}:${service === 's3' ? '' : p.accountId}:${kind}/${r.name}`;
}

/** `Ref` on a resource the engine does not model: its ARN where CloudFormation returns one, else its name. */
export function placeholderRef(r: LocalResource, p: Partition): string {
  if (r.type === 'AWS::Cognito::UserPool') return `${p.region}_${shortId(r.logicalId).slice(0, 9)}`;
  return REF_IS_ARN.has(r.type) ? placeholderArn(r, p) : r.name;
}

/** `Fn::GetAtt` on an attribute the engine does not model, shaped after the attribute's name. */
export function placeholderAttribute(r: LocalResource, attr: string, p: Partition): string {
  const { service } = arnParts(r.type);
  const host = `${shortId(r.logicalId)}.${service}.${p.region}.amazonaws.com`;
  if (/arn$/i.test(attr)) return placeholderArn(r, p);
  if (/(url|uri)$/i.test(attr)) return `https://${host}/`;
  if (/port$/i.test(attr)) return defaultPort(r);
  if (/(endpoint|domainname|address|host)$/i.test(attr)) return host;
  if (/name$/i.test(attr)) return r.name;
  if (/id$/i.test(attr)) return shortId(r.logicalId);
  return `${r.name}-${attr.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
