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

// Node 20 has it (ES2024); the compiler’s lib stays at ES2022, the language level it targets.
declare global {
  interface String {
    isWellFormed(): boolean;
  }
}

/** A place in an input where text is not well-formed Unicode (a lone UTF-16 surrogate). */
export interface IllFormedText {
  /** Path to the value: object keys and list indices, as strings. */
  path: string[];
  /** True when a field name (an object key) is at fault, not the value at `path`. */
  inKey: boolean;
}

/** At most this many places are reported: an input of 100,000 bad strings gets 20 answers. */
const ILL_FORMED_REPORTED = 20;

const isRecord = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Where `value` (JSON-like: strings, plain objects, arrays) holds ill-formed Unicode: a string
 * with a lone or reversed surrogate. Such text cannot be stored (drivers write U+FFFD in its
 * place, silently) nor compared. Iterative, so a deeply nested hostile body cannot overflow the
 * stack; the first places found, in input order.
 */
export function illFormedText(value: unknown, path: string[] = []): IllFormedText[] {
  // Nearly every input is fine: look without building paths first.
  if (!holdsIllFormedText(value)) return [];
  const found: IllFormedText[] = [];
  const stack: [unknown, string[]][] = [[value, path]];
  while (stack.length && found.length < ILL_FORMED_REPORTED) {
    const [item, at] = stack.pop() as [unknown, string[]];
    if (typeof item === 'string') {
      if (!item.isWellFormed()) found.push({ path: at, inKey: false });
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], [...at, String(i)]]);
    } else if (isRecord(item)) {
      const keys = Object.keys(item);
      if (keys.some((k) => !k.isWellFormed())) found.push({ path: at, inKey: true });
      for (let i = keys.length - 1; i >= 0; i--) stack.push([item[keys[i]], [...at, keys[i]]]);
    }
  }
  return found;
}

function holdsIllFormedText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (!item.isWellFormed()) return true;
    } else if (Array.isArray(item)) {
      for (const each of item) stack.push(each);
    } else if (isRecord(item)) {
      for (const key in item) {
        if (!key.isWellFormed()) return true;
        stack.push(item[key]);
      }
    }
  }
  return false;
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007F]*$/;

/**
 * `value` with every string in Unicode normalisation form C, so that a name typed with a
 * composed "ë" and one typed as "e" + combining diaeresis are stored, compared and counted
 * alike. Returns `value` itself when nothing changes (the usual case); other objects (dates)
 * pass through untouched.
 */
export function toNfc<T>(value: T): T {
  // ASCII is in every normal form; most input is ASCII, and the test is cheaper than normalize.
  if (typeof value === 'string') return (ASCII.test(value) ? value : value.normalize('NFC')) as T;
  if (Array.isArray(value)) {
    let changed: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const normal = toNfc(item);
      if (normal !== item) (changed ??= [...value])[i] = normal;
    });
    return (changed ?? value) as T;
  }
  if (!isRecord(value)) return value;
  let changed: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const normal = toNfc(item);
    if (normal !== item) {
      changed ??= Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object, value);
      changed[key] = normal;
    }
  }
  return (changed ?? value) as T;
}
