/**
 * "Did you mean": the known name closest to a mistyped name — a CLI command or option, a key of the
 * SDK configuration passed as `swf` (`swf-config-keys.ts`).
 */

/** Edit distance with adjacent transpositions counted as one edit (`strat` -> `start` is 1). */
function distance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (rows[i - 2] as number[])[j - 2]! + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length]!;
}

const fold = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');

/**
 * The candidate `word` most likely meant: one that differs only in case, `-` or `_`
 * (`--workflowId` -> `workflow-id`), else the nearest within about one edit per four letters, else
 * the only candidate that `word` (three letters or more) begins (`data` -> `dataDir`).
 *
 * @returns the candidate, or `undefined` when none is close
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (fold(candidate) === fold(word)) return candidate;
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d <= limit && d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ?? onlyStartingWith(word, candidates);
}

/** The one candidate that begins with `word` (folded, three letters or more); none when two do. */
function onlyStartingWith(word: string, candidates: Iterable<string>): string | undefined {
  const start = fold(word);
  if (start.length < 3) return undefined;
  let found: string | undefined;
  for (const candidate of candidates) {
    if (!fold(candidate).startsWith(start)) continue;
    if (found !== undefined) return undefined;
    found = candidate;
  }
  return found;
}

/** ` (did you mean X?)` for a message, or `''` when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>, show: (name: string) => string): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean ${show(match)}?)`;
}
