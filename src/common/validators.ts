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
