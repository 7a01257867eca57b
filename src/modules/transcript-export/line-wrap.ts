/**
 * Line wrapping for the PDF, done here rather than by pdfkit: pdfkit breaks a web address after
 * any hyphen (so "european-strength-forum.example" reads as hyphenated words) and cuts a word too
 * long for its column wherever the column ends. Words break at spaces; a web address too long for
 * its line breaks after a slash or before a dot, hyphen or query character (a hyphen that starts
 * a line is plainly part of the address), and only a piece without such a point is cut where it
 * must be.
 */

/** The width a string takes in the current font and size. */
export type Measure = (text: string) => number;

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|^[\w-]+(?:\.[\w-]+)+\/\S*/i;

/** Where an address may break: the index of the first character of the next line. */
function urlBreakPoints(url: string): number[] {
  const points: number[] = [];
  for (let i = 1; i < url.length; i++) {
    const prev = url[i - 1];
    const char = url[i];
    if (prev === '/' && char !== '/') points.push(i);
    else if ('.?#&=-_~'.includes(char) && prev !== '/') points.push(i);
  }
  return points;
}

/** Where an ordinary word may break: after a hyphen inside it. */
function wordBreakPoints(word: string): number[] {
  const points: number[] = [];
  for (let i = 1; i < word.length - 1; i++) if (word[i - 1] === '-') points.push(i);
  return points;
}

/** The end of the longest prefix of `word` from `start` that fits, at least one character. */
function cutEnd(word: string, start: number, width: number, measure: Measure): number {
  let end = start + String.fromCodePoint(word.codePointAt(start) as number).length;
  while (end < word.length) {
    const next = end + String.fromCodePoint(word.codePointAt(end) as number).length;
    if (measure(word.slice(start, next)) > width) break;
    end = next;
  }
  return end;
}

/** Splits one word too wide for a line into lines, at its allowed break points where it can. */
function splitWord(word: string, width: number, measure: Measure): string[] {
  const points = URL_LIKE.test(word) ? urlBreakPoints(word) : wordBreakPoints(word);
  const lines: string[] = [];
  let start = 0;
  while (start < word.length) {
    if (measure(word.slice(start)) <= width) {
      lines.push(word.slice(start));
      break;
    }
    const end =
      points.filter((p) => p > start && measure(word.slice(start, p)) <= width).pop() ??
      cutEnd(word, start, width, measure);
    lines.push(word.slice(start, end));
    start = end;
  }
  return lines;
}

/**
 * The lines `text` takes in a column `width` wide, greedily: as many words on a line as fit.
 * Line breaks in the text are kept.
 */
export function wrapLines(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      if (measure(word) <= width) {
        line = word;
        continue;
      }
      const pieces = splitWord(word, width, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
    }
    lines.push(line);
  }
  return lines;
}
