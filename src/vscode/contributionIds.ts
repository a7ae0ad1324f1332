// Every command, view and setting id the extension contributes; package.json must match (tested).

export const commandIds = {
  invokeFunction: 'lambdaWorkbench.invokeFunction',
} as const;

export const settingIds = {
  section: 'lambdaWorkbench',
  template: 'template',
} as const;
