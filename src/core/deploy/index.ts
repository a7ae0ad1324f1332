// Local to cloud: deploy the workspace template with CloudFormation (change set, events) and sync code
// of a deployed stack's functions, all through the AWS SDK v3 with the standard credential chain.
export { artifactZip, collectArtifacts, type Artifact, type DeployableFunction } from './artifacts';
export { awsClients, awsErrorMessage, type AwsClients, type DeployTarget } from './awsClients';
export { describeChanges, type ChangeSetPlan, type ResourceChange } from './changeSet';
export { assertSyncOptIn, CodeSync, type SyncReport } from './codeSync';
export { managedBucketName, SAM_MANAGED_BUCKET_PREFIX } from './deployBucket';
export { discardDeploy, executeDeploy, prepareDeploy, type DeployRequest, type PreparedDeploy } from './deployer';
export { DEFAULT_PRODUCTION_PATTERNS, looksLikeProduction, readDeploySettings, setSyncOptIn, writeDeploySettings, type DeploySettings } from './deploySettings';
export { packageTemplate, requiredCapabilities } from './packageTemplate';
export { outcomeError, type DeployOutcome, type StackEvent } from './stackEvents';
export { zipDirectory } from '../project/zipWriter';
