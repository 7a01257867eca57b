/** Folds a name for uniqueness and matching: accents, case and runs of spaces do not count. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A LIKE pattern that finds the folded text anywhere, with wildcards in it matched literally. */
export function likePattern(text: string): string {
  return `%${foldName(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A LIKE pattern that finds folded text starting with the folded `text`, wildcards in it matched literally. */
export function prefixPattern(text: string): string {
  return `${foldName(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
