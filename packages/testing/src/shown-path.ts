/**
 * Paths as a replay test's messages name them: a fixture or a line of workflow code relative to the
 * working folder when it lies inside it (the way a user typed it, and clickable in a terminal opened
 * there), else as given.
 */
import { isAbsolute, relative } from 'node:path';

/** `file` relative to the working folder when it is an absolute path inside it, else as given. */
export function shownPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** A `file:line:column` location with its file shown as {@link shownPath} shows it. */
export function shownLocation(location: string): string {
  const m = /^(.*?)(:\d+:\d+)$/.exec(location);
  return m?.[1] === undefined ? location : `${shownPath(m[1])}${m[2]}`;
}
