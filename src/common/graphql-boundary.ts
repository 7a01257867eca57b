import { getNamedType, GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError, AuthChecker } from 'type-graphql';
import { RequestContext } from '../context';
import { apiError } from './errors';
import { Role } from './identity';
import { neutralMessage } from './neutral-messages';
import { Refusal, REFUSAL_DEFAULTS, UserError, userError, UserErrorCode } from './user-errors';

/** Operation-level access: anonymous callers are UNAUTHENTICATED, other roles FORBIDDEN. */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  const kind = context.identity.kind;
  if (kind === 'ANONYMOUS') throw apiError('UNAUTHENTICATED', 'Sign in to use this operation.');
  if (roles.length && !roles.includes(kind)) throw apiError('FORBIDDEN', 'Your role may not use this operation.');
  return true;
};

const CODE_BY_CONSTRAINT: Record<string, UserErrorCode> = {
  maxChars: UserErrorCode.TOO_LONG,
  isNotBlank: UserErrorCode.REQUIRED,
  noControlChars: UserErrorCode.INVALID_FORMAT,
  maxLength: UserErrorCode.TOO_LONG,
  minLength: UserErrorCode.TOO_SHORT,
  isLength: UserErrorCode.TOO_LONG,
  arrayMaxSize: UserErrorCode.TOO_MANY_ITEMS,
  arrayMinSize: UserErrorCode.REQUIRED,
  arrayUnique: UserErrorCode.INVALID_INPUT,
  isNotEmpty: UserErrorCode.REQUIRED,
  min: UserErrorCode.OUT_OF_RANGE,
  max: UserErrorCode.OUT_OF_RANGE,
  isEmail: UserErrorCode.INVALID_FORMAT,
  isUrl: UserErrorCode.INVALID_FORMAT,
  matches: UserErrorCode.INVALID_FORMAT,
};

function lengthCode(error: ValidationError, key: string): UserErrorCode {
  // class-validator reports both bounds of @Length as `isLength`: tell them apart by the value.
  if (key !== 'isLength') return CODE_BY_CONSTRAINT[key] ?? UserErrorCode.INVALID_INPUT;
  const value = error.value as unknown;
  return typeof value === 'string' && value.length === 0 ? UserErrorCode.REQUIRED : UserErrorCode.TOO_LONG;
}

/** Flattens class-validator errors into user errors with field paths; never echoes the value. */
export function userErrorsFromValidation(errors: ValidationError[], path: string[]): UserError[] {
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([key, message]) =>
      userError(lengthCode(error, key), message, field),
    );
    return [...own, ...userErrorsFromValidation(error.children ?? [], field)];
  });
}

/**
 * Around every root mutation: refusals thrown by services (after their unit of work rolled back)
 * and input that fails validation become the payload's `userErrors`, with HTTP 200. Wrapped
 * around the mutation fields only, not as a type-graphql global middleware: that would make
 * every field of every answer asynchronous and cost most of a large page's time.
 */
export function applyMutationBoundary(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = async (root, args, context, info) => {
      try {
        return await resolve(root, args, context, info);
      } catch (error) {
        const defaults = REFUSAL_DEFAULTS.get(getNamedType(info.returnType).name);
        if (error instanceof Refusal) return { ...defaults, userErrors: error.userErrors };
        if (error instanceof ArgumentValidationError) {
          const errors = (error.extensions.validationErrors ?? []) as ValidationError[];
          const argName = info.fieldNodes[0]?.arguments?.[0]?.name.value ?? 'input';
          return { ...defaults, userErrors: userErrorsFromValidation(errors, [argName]) };
        }
        throw error;
      }
    };
  }
}

const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * graphql-js quotes the offending input in its coercion and validation messages; this keeps the
 * explanation and drops the value, so that nothing a client sent is reflected back.
 */
export function withoutValues(message: string): string {
  return message
    .replace(
      /^(Variable "\$[^"]+") got invalid value [\s\S]*( at "[^"]*"); ([\s\S]*)$/,
      (_m, v, at, rest) => `${v} got an invalid value${at}; ${withoutValues(rest)}`,
    )
    .replace(
      /^(Variable "\$[^"]+") got invalid value [\s\S]*; ([\s\S]*)$/,
      (_m, v, rest) => `${v} got an invalid value; ${withoutValues(rest)}`,
    )
    .replace(/^(Expected value of type "[^"]+"), found [\s\S]*; ([\s\S]*)$/, '$1; $2')
    .replace(/^(Expected value of type "[^"]+"), found [\s\S]*$/, '$1.')
    .replace(/(cannot represent [^:]*value): [\s\S]*$/, '$1.')
    .replace(/^Value [\s\S]* (does not exist in "[^"]+" enum\.?)[\s\S]*$/, 'The value $1')
    .replace(/^Unknown operation named [\s\S]*$/, 'No operation in the document has the given operationName.')
    .replace(/ ?Did you mean [\s\S]*?\?/g, '')
    .replace(/(Expected type "[^"]+")\. .*? cannot represent [^:]*value: [\s\S]*$/, '$1.');
}

/**
 * What a client sees of an error: the message and a stable code for client faults; for anything
 * else a generic INTERNAL_SERVER_ERROR. Stack traces, SQL and input values never leave.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  if (!PUBLIC_CODES.has(code)) {
    return { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const extensions: Record<string, unknown> = { code };
  if (code === 'QUERY_TOO_COMPLEX') extensions.cost = formatted.extensions?.cost;
  if (original instanceof ArgumentValidationError) {
    extensions.invalidFields = userErrorsFromValidation(
      (original.extensions.validationErrors ?? []) as ValidationError[],
      [],
    ).map((e) => ({ field: e.field, message: e.message }));
  }
  let message = formatted.message;
  // The top-level message says what is wrong, in words, not only "Argument Validation Error".
  const invalid = extensions.invalidFields as { message: string }[] | undefined;
  if (invalid?.length) message = `${invalid.map((e) => e.message).join('; ')}.`;
  if (code === 'GRAPHQL_PARSE_FAILED' && /call stack/i.test(message)) {
    message = 'Syntax Error: the document is nested too deeply.';
  }
  if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'OPERATION_RESOLUTION_FAILURE') {
    message = withoutValues(message);
  }
  return { message: neutralMessage(message, code), locations: formatted.locations, path: formatted.path, extensions };
}
