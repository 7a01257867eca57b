/**
 * Error messages that name the software behind the API (the GraphQL server library, the HTTP
 * framework, the ORM, the database engine) tell an attacker which advisories to try. The
 * library texts that can reach a client are reworded here, keeping what the client must do;
 * any other message naming one of them, outside the quotes that echo the client's own document,
 * is replaced by a generic sentence for its code.
 */

/** The header, besides a JSON content type, that CSRF prevention accepts as proof of a preflight. */
export const PREFLIGHT_HEADER = 'x-requested-with';
/**
 * Every header CSRF prevention accepts (any non-empty value): the neutral one its message names,
 * and the two Apollo Server names by default, which existing clients send.
 */
export const CSRF_PREVENTION_HEADERS = [PREFLIGHT_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name'];

const REWORDED: [RegExp, string][] = [
  [/^GraphQL introspection is not allowed\b/, 'Schema introspection is not allowed on this server.'],
  [/^\w+ Server supports only GET\/POST requests/i, 'Only GET and POST requests are accepted here.'],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    `This request was blocked as a possible cross-site request forgery (CSRF): send it with the header Content-Type: application/json, or with an ${PREFLIGHT_HEADER} header (any value).`,
  ],
  [/^GraphQL queries must be strings\./, 'GraphQL queries must be strings in the GraphQL language.'],
  [/\buses incremental delivery\b/, 'Incremental delivery (@defer, @stream) is not supported.'],
];

export const STACK_NAMES = /\b(?:apollo|express|typeorm|sqlite\d?|postgres(?:ql)?|node(?:\.?js)?|graphql-js)\b/i;

const GENERIC: Record<string, string> = {
  BAD_REQUEST: 'The request is not a GraphQL request this server accepts.',
};

/** The message a client may see: reworded when it names the stack. */
export function neutralMessage(message: string, code: string): string {
  for (const [pattern, replacement] of REWORDED) if (pattern.test(message)) return replacement;
  // A quoted name is the client's own (a field it asked for) or our schema's: not the stack's.
  if (STACK_NAMES.test(message.replace(/"[^"]*"/g, '""'))) return GENERIC[code] ?? 'The request could not be served.';
  return message;
}
