// How the log panel names a cloud log group: the AWS root's id and the group name (the explorer's Show
// Logs and the panel's sources must agree on it).

/** The panel's key of log group `group` under the AWS root `rootId`. */
export const groupKey = (rootId: string, group: string): string => `${rootId} ${group}`;
