// The language server's view of one template version: the core's analysis (functions and located
// problems) and the parsed document (key ranges), computed once per document version.
import { defaultPartition } from '../core/arn';
import { analyzeTemplate, type Project } from '../core/project';
import { parseTemplate, type TemplateDocument } from '../core/project/templateDocument';

export interface TemplateAnalysis {
  readonly project: Project;
  readonly document: TemplateDocument;
}

/** Whether text looks like a CloudFormation/SAM template (other YAML and JSON files are left alone). */
export function looksLikeTemplate(text: string): boolean {
  return /AWSTemplateFormatVersion|AWS::Serverless-2016-10-31|"?Type"?\s*:\s*"?AWS::(Serverless|Lambda)::/.test(text);
}

const cache = new Map<string, { version: number; analysis: TemplateAnalysis }>();

/** Analyzes the document (cached per uri and version). */
export function analyze(uri: string, version: number, text: string, file: string): TemplateAnalysis {
  const hit = cache.get(uri);
  if (hit && hit.version === version) return hit.analysis;
  const analysis = { project: analyzeTemplate(text, file, { partition: defaultPartition }), document: parseTemplate(text, file) };
  cache.set(uri, { version, analysis });
  return analysis;
}

/** Forgets a closed document. */
export function forget(uri: string): void {
  cache.delete(uri);
}
