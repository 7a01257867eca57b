import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { formatError, withoutValues } from '../../src/common/graphql-boundary';

describe('error masking', () => {
  it('an unexpected fault reaches the client as a bare INTERNAL_SERVER_ERROR', () => {
    const fault = new GraphQLError('SQLITE_CONSTRAINT: UNIQUE constraint failed: provider.name_key', {
      originalError: new Error('at Statement.run (/srv/app/node_modules/sqlite3/lib/sqlite3.js:20)'),
    });
    expect(
      formatError({ message: fault.message, extensions: { stacktrace: ['at x (/srv/app.js:1)'] } }, fault),
    ).toEqual({
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('a client fault keeps its message and stable code, nothing else', () => {
    const error = new GraphQLError('Sign in to use this operation.', { extensions: { code: 'UNAUTHENTICATED' } });
    expect(formatError({ message: error.message, extensions: { code: 'UNAUTHENTICATED', extra: 1 } }, error)).toEqual({
      message: 'Sign in to use this operation.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it.each([
    [
      'Variable "$input" got invalid value "<script>; x" at "input.title"; Expected type "String". String cannot represent a non string value: 10',
      'Variable "$input" got an invalid value at "input.title"; Expected type "String". String cannot represent a non string value.',
    ],
    [
      'Variable "$d" got invalid value "2026-02-30"; Date must be a real calendar date written YYYY-MM-DD',
      'Variable "$d" got an invalid value; Date must be a real calendar date written YYYY-MM-DD',
    ],
    [
      'Expected value of type "Date!", found "2026-02-30"; Date must be a real calendar date written YYYY-MM-DD',
      'Expected value of type "Date!"; Date must be a real calendar date written YYYY-MM-DD',
    ],
    ['Enum "Topic" cannot represent non-enum value: "SECRET".', 'Enum "Topic" cannot represent non-enum value.'],
  ])('input values are not echoed: %s', (message, expected) => {
    expect(withoutValues(message)).toBe(expected);
  });
});
