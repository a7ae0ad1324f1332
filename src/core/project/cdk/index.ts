// CDK cloud assemblies (`cdk.out`) as a project format, and the app (cdk.json) that synthesizes them.
export { assemblyManifest, workspaceAssembly } from './cloudAssembly';
export { cdkAppForAssembly, cdkAppOf, globMatch, isAppSource, type CdkApp } from './cdkApp';
export { loadAssembly } from './loadAssembly';
