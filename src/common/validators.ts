import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** Length in Unicode code points: what PostgreSQL counts in a varchar, and what users see. */
export function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

// Control characters other than tab and line breaks have no place in text fields (PostgreSQL
// refuses NUL outright).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function isNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value) => typeof value !== 'string' || value.trim().length > 0,
        defaultMessage: buildMessage((each) => `${each}$property must not be blank`, options),
      },
    },
    options,
  );
}

function maxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxChars',
      constraints: [max],
      validator: {
        validate: (value) => typeof value !== 'string' || codePoints(value) <= max,
        defaultMessage: buildMessage((each) => `${each}$property must be at most $constraint1 characters`, options),
      },
    },
    options,
  );
}

function noControlChars(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noControlChars',
      validator: {
        validate: (value) => typeof value !== 'string' || !CONTROL.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must not contain control characters`, options),
      },
    },
    options,
  );
}

/**
 * A text field: at most `max` characters (code points), no control characters, and unless
 * `blank` is allowed, something other than white space.
 */
export function Text(max: number, options: { blank?: boolean } = {}): PropertyDecorator {
  return (target, key) => {
    maxChars(max)(target, key);
    noControlChars()(target, key);
    if (!options.blank) isNotBlank()(target, key);
  };
}

/** A storage key: segments of letters, digits, dots, dashes and underscores, each starting with a letter or digit. */
const STORAGE_KEY = /^[A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)*$/;
/** Printable ASCII without space and backslash: what a URL may hold once percent-encoded. */
const URL_TEXT = /^[\x21-\x5B\x5D-\x7E]+$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** A top-level domain: letters, or an internationalised one in punycode; never all digits. */
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Where an audit document is kept, in its stored form, or null when `text` is neither:
 * - an `https` URL whose host is a domain name of two or more labels, without user name or
 *   password, written in printable ASCII (an internationalised host in punycode, other
 *   characters percent-encoded); stored as the URL standard writes it (lower-case scheme and
 *   host). IP addresses, also the numeric forms browsers read as one (`https://0x7f.1/`), and
 *   one-label hosts (`localhost`) are refused: a document's link points at a file service, not
 *   into a network; or
 * - a storage key such as `audits/2026/card.pdf`: segments joined by single slashes, no leading
 *   slash, no `.` or `..` segment, no colon (so it never reads as a URL); stored as given.
 * Anything with white space or control characters is neither (browsers strip them, which turns
 * ` javascript:` or `java\tscript:` into a script).
 */
export function documentLocation(text: string, max: number): string | null {
  if (STORAGE_KEY.test(text)) return text;
  if (!URL_TEXT.test(text) || !/^https:\/\/[^/?#]/i.test(text)) return null;
  if (/^https:\/\/[^/?#]*@/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  const labels = url.hostname.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return null;
  const top = labels[labels.length - 1];
  if (!TOP_LEVEL.test(top) || top === 'localhost') return null;
  return codePoints(url.href) <= max ? url.href : null;
}

/** An audit document's location (see `documentLocation`): at most `max` characters, not blank. */
export function DocumentLocation(max: number): PropertyDecorator {
  return (target, key) => {
    maxChars(max)(target, key);
    isNotBlank()(target, key);
    ValidateBy({
      name: 'documentLocation',
      constraints: [max],
      validator: {
        // Blank and over-long values are refused once, by the checks above.
        validate: (value) =>
          typeof value !== 'string' ||
          !value.trim() ||
          codePoints(value) > max ||
          documentLocation(value, max) !== null,
        defaultMessage: () =>
          'location must be an https URL on a named host, with no user name or password (e.g. https://files.example.org/audits/card.pdf), or a storage key of letters, digits, dots, dashes and underscores in segments joined by slashes (e.g. audits/2026/card.pdf)',
      },
    })(target, key);
  };
}
