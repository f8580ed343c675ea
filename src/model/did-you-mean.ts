/**
 * "did you mean mail.smtpServer?": the closest known name to a misspelt one, by Damerau-Levenshtein
 * distance (optimal string alignment: a swapped pair of letters counts once), case-insensitive.
 * Bounded work: candidates whose length alone rules them out are skipped, and each comparison
 * stops once a row exceeds the allowed distance.
 */

/**
 * How far a name may be from a candidate and still be suggested: a typo or two, three for long
 * names — not more, or `ucs-ber-01.example.de` would "mean" `ucs-vie-01.example.at`.
 */
export function maxSuggestDistance(name: string): number {
  return name.length <= 4 ? 1 : name.length <= 12 ? 2 : 3;
}

/** Distance between `a` and `b`, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The known name closest to `name` (ties: the first in `candidates`), or undefined when none is
 * within maxSuggestDistance. An exact case-insensitive match is not a suggestion (it is the name).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxSuggestDistance(name);
  for (const c of candidates) {
    const d = editDistance(n, c.toLowerCase(), bestDistance);
    if (d === 0) continue;
    if (d < bestDistance || (d === bestDistance && best === undefined)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean mail.smtpServer?)`, or '' when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closestName(name, candidates);
  return c === undefined ? '' : ` (did you mean ${c}?)`;
}
