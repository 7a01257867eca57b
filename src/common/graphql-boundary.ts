import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  getNamedType,
  GraphQLError,
  GraphQLFieldResolver,
  GraphQLFormattedError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  ValueNode,
  visit,
} from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError, AuthChecker } from 'type-graphql';
import { RequestContext } from '../context';
import { apiError } from './errors';
import { Role } from './identity';
import { illFormedText, IllFormedText, toNfc } from './text';
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
  documentLocation: UserErrorCode.INVALID_FORMAT,
};

function lengthCode(error: ValidationError, key: string): UserErrorCode {
  // class-validator reports both bounds of @Length as `isLength`: tell them apart by the value.
  if (key !== 'isLength') return CODE_BY_CONSTRAINT[key] ?? UserErrorCode.INVALID_INPUT;
  const value = error.value as unknown;
  return typeof value === 'string' && value.length === 0 ? UserErrorCode.REQUIRED : UserErrorCode.TOO_LONG;
}

/** Flattens class-validator errors into user errors with field paths; never echoes the value. */
export function userErrorsFromValidation(errors: ValidationError[], path: string[]): UserError[] {
  // type-graphql wraps whatever validation threw, not only the list of failures: a validator
  // that crashed is a server fault and is thrown on as itself, to be logged and masked.
  if (!Array.isArray(errors)) throw errors;
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([key, message]) =>
      userError(lengthCode(error, key), message, field),
    );
    return [...own, ...userErrorsFromValidation(error.children ?? [], field)];
  });
}

/** The refusal of input holding ill-formed Unicode: BAD_USER_INPUT with the fields at fault. */
export class IllFormedTextError extends GraphQLError {
  readonly invalidFields: { field: string[]; message: string }[];
  constructor(found: IllFormedText[]) {
    const invalidFields = found.map(({ path, inKey }) => ({
      field: path,
      message: inKey
        ? `${path.join('.') || 'The variables'} has a field name that is not well-formed Unicode text (it holds an unpaired UTF-16 surrogate)`
        : `${path.join('.')} is not well-formed Unicode text: it holds an unpaired UTF-16 surrogate`,
    }));
    super(`${invalidFields.map((f) => f.message).join('; ')}.`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
    this.invalidFields = invalidFields;
  }
}

/**
 * Root arguments as resolvers get them: every string in NFC (stored, compared and counted in
 * one form), and ill-formed text refused. HTTP requests were checked before they ran (see
 * `wellFormedTextPlugin`); this guards callers inside the process, such as the import file.
 */
function argumentsInNfc(args: Record<string, unknown>): Record<string, unknown> {
  const found = illFormedText(args);
  if (found.length) throw new IllFormedTextError(found);
  return toNfc(args);
}

/** Root queries read their arguments in NFC too, so that exact filters (an e-mail) match what was stored. */
export function applyQueryBoundary(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    // Not async: the resolver starts in the same tick, so DataLoader batching is unchanged.
    field.resolve = ((root, args, context, info) =>
      resolve(root, argumentsInNfc(args), context, info)) as GraphQLFieldResolver<unknown, unknown>;
  }
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
        return await resolve(root, argumentsInNfc(args), context, info);
      } catch (error) {
        const defaults = REFUSAL_DEFAULTS.get(getNamedType(info.returnType).name);
        if (error instanceof Refusal) return { ...defaults, userErrors: error.userErrors };
        if (error instanceof IllFormedTextError) {
          return {
            ...defaults,
            userErrors: error.invalidFields.map((f) => userError(UserErrorCode.INVALID_FORMAT, f.message, f.field)),
          };
        }
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

/** Where each variable is first used: the argument path, e.g. `$email` in `input: { contactEmail: $email }`. */
function variableUsages(operation: OperationDefinitionNode, document: DocumentNode): Map<string, string[]> {
  const usages = new Map<string, string[]>();
  const walk = (value: ValueNode, path: string[]) => {
    if (value.kind === Kind.VARIABLE) {
      if (!usages.has(value.name.value)) usages.set(value.name.value, path);
    } else if (value.kind === Kind.LIST) {
      value.values.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) walk(field.value, [...path, field.name.value]);
    }
  };
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const node of [operation, ...fragments]) {
    visit(node, { Argument: (argument) => walk(argument.value, [argument.name.value]) });
  }
  return usages;
}

/**
 * Refuses a request whose variables hold ill-formed Unicode (a lone UTF-16 surrogate, which
 * JSON can carry as `"\ud800"`), whatever the type it is meant for: String, ID, enum, Date,
 * Decimal, a list. Checked once per request on the variables as sent, before they are coerced
 * and before any validator sees them. Literals in the document need no check: the GraphQL
 * parser refuses such text itself (GRAPHQL_PARSE_FAILED). Each field at fault is named by its
 * argument path, as validation failures are.
 */
export function wellFormedTextPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation, document }) {
          const found = illFormedText(request.variables ?? {});
          if (!found.length) return;
          const usages = operation ? variableUsages(operation, document) : new Map<string, string[]>();
          throw new IllFormedTextError(
            found.map(({ path: [name, ...rest], inKey }) => ({
              path: name === undefined ? [] : [...(usages.get(name) ?? [name]), ...rest],
              inKey,
            })),
          );
        },
      };
    },
  };
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
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  // A validator that crashed (rather than refused) reaches here wrapped as a validation error.
  const crashed = original instanceof ArgumentValidationError && !Array.isArray(original.extensions.validationErrors);
  const code = crashed
    ? 'INTERNAL_SERVER_ERROR'
    : ((formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR');
  if (!PUBLIC_CODES.has(code)) {
    return { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const extensions: Record<string, unknown> = { code };
  if (code === 'QUERY_TOO_COMPLEX') extensions.cost = formatted.extensions?.cost;
  if (code === 'RATE_LIMITED') {
    extensions.retryAfterSeconds = formatted.extensions?.retryAfterSeconds;
    if (formatted.extensions?.cost) extensions.cost = formatted.extensions.cost;
  }
  if (original instanceof ArgumentValidationError) {
    extensions.invalidFields = userErrorsFromValidation(
      original.extensions.validationErrors as ValidationError[],
      [],
    ).map((e) => ({ field: e.field, message: e.message }));
  }
  const illFormed = error instanceof IllFormedTextError ? error : original;
  if (illFormed instanceof IllFormedTextError) extensions.invalidFields = illFormed.invalidFields;
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
