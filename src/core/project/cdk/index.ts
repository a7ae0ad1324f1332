// CDK cloud assemblies (`cdk.out`) as a project format.
export { assemblyManifest, workspaceAssembly } from './cloudAssembly';
export { loadAssembly } from './loadAssembly';
