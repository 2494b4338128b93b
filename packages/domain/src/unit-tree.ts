/** The materialised path of a unit: its ancestors' ids and its own, each followed by '/'. */
export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

/** True when the unit at `path` is the unit at `ancestorPath` or below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** True when moving the unit at `path` under the unit at `newParentPath` would put it under itself. */
export function isMoveIntoOwnSubtree(path: string, newParentPath: string): boolean {
  return isWithin(newParentPath, path);
}
