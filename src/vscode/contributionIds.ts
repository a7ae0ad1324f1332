// Every command, view and setting id the extension contributes; package.json must match (tested).

export const commandIds = {
  invokeFunction: 'lambdaWorkbench.invokeFunction',
  // function explorer (issue 7)
  refreshExplorer: 'lambdaWorkbench.explorer.refresh',
  addAwsProfile: 'lambdaWorkbench.explorer.addAwsProfile',
  removeAwsProfile: 'lambdaWorkbench.explorer.removeAwsProfile',
  invokeItem: 'lambdaWorkbench.explorer.invoke',
  debugItem: 'lambdaWorkbench.explorer.debug',
  publishVersion: 'lambdaWorkbench.explorer.publishVersion',
  createAlias: 'lambdaWorkbench.explorer.createAlias',
  editRouting: 'lambdaWorkbench.explorer.editRouting',
  pointAlias: 'lambdaWorkbench.explorer.pointAlias',
  deleteVersion: 'lambdaWorkbench.explorer.deleteVersion',
  deleteAlias: 'lambdaWorkbench.explorer.deleteAlias',
  showLogs: 'lambdaWorkbench.explorer.showLogs',
  openHandler: 'lambdaWorkbench.explorer.openHandler',
  revealInTemplate: 'lambdaWorkbench.explorer.revealInTemplate',
  forceColdStart: 'lambdaWorkbench.explorer.forceColdStart',
  throttle: 'lambdaWorkbench.explorer.throttle',
  unthrottle: 'lambdaWorkbench.explorer.unthrottle',
  copyArn: 'lambdaWorkbench.explorer.copyArn',
  // durable executions (issue 17)
  completeCallback: 'lambdaWorkbench.explorer.completeCallback',
  skipWait: 'lambdaWorkbench.explorer.skipWait',
  stopExecution: 'lambdaWorkbench.explorer.stopExecution',
  showExecutionHistory: 'lambdaWorkbench.explorer.showExecutionHistory',
  // invoke experience, status bar, CodeLens (issue 7)
  invokeWith: 'lambdaWorkbench.invoke',
  // hot reload: one invoke that reloads the handler module in the warm environment (issue 18)
  invokeReloadingModule: 'lambdaWorkbench.invokeReloadingModule',
  debugWith: 'lambdaWorkbench.debug',
  newSavedEvent: 'lambdaWorkbench.newSavedEvent',
  showLastResult: 'lambdaWorkbench.showLastResult',
  statusBarMenu: 'lambdaWorkbench.statusBarMenu',
  copyEndpoint: 'lambdaWorkbench.copyEndpoint',
  restartEngine: 'lambdaWorkbench.restartEngine',
  // CDK apps: cdk synth (issue 20)
  synthesizeCdkApp: 'lambdaWorkbench.synthesizeCdkApp',
  // template parameters without a value (issue 12)
  setParameterValues: 'lambdaWorkbench.setParameterValues',
  // HTTP front: the template's Api / HttpApi routes and function URLs (issue 4)
  startHttpApi: 'lambdaWorkbench.startHttpApi',
  stopHttpApi: 'lambdaWorkbench.stopHttpApi',
  // debugger (issue 6)
  debugInvokeAgain: 'lambdaWorkbench.debug.invokeAgain',
  // local to cloud (issue 19): deploy, sync on save, side by side, bring a deployed function home
  deploy: 'lambdaWorkbench.deploy',
  syncOnSave: 'lambdaWorkbench.deploy.syncOnSave',
  compareWithCloud: 'lambdaWorkbench.compareWithCloud',
  pullFunction: 'lambdaWorkbench.explorer.pullFunction',
  // F5 without a launch.json (issue 13)
  debugStart: 'lambdaWorkbench.debug.start',
  createLaunchJson: 'lambdaWorkbench.debug.createLaunchJson',
  // log panel and inline logs (issue 5)
  showLogPanel: 'lambdaWorkbench.logs.show',
  clearInlineLogs: 'lambdaWorkbench.inlineLogs.clear',
} as const;

/** The debugger type of `lambda` launch configurations (package.json `contributes.debuggers`). */
export const debugType = 'lambda';

export const viewIds = {
  container: 'lambdaWorkbench',
  functions: 'lambdaWorkbench.functions',
  logsContainer: 'lambdaWorkbenchLogs',
  logPanel: 'lambdaWorkbench.logPanel',
} as const;

/** Scheme of the read-only invocation result documents. */
export const resultScheme = 'lambda-workbench-result';

export const settingIds = {
  section: 'lambdaWorkbench',
  template: 'template',
  stateDirectory: 'stateDirectory',
  accountConcurrency: 'accountConcurrency',
  asyncRetrySpeedup: 'asyncRetrySpeedup',
  deployProductionPatterns: 'deploy.productionPatterns',
  endpointPort: 'endpoint.port',
  httpApiPort: 'httpApi.port',
  strictAuthentication: 'endpoint.strictAuthentication',
  authenticationKeys: 'endpoint.keys',
  awsProfiles: 'aws.profiles',
  inlineLogs: 'inlineLogs.enabled',
  idleEnvironmentLifetime: 'idleEnvironmentLifetime',
  hotReload: 'hotReload',
  prices: 'invoke.prices',
  eventsDirectory: 'invoke.eventsDirectory',
  downloadNode: 'runtimes.downloadNode',
  nodePaths: 'runtimes.nodePaths',
  pythonPaths: 'runtimes.pythonPaths',
} as const;
