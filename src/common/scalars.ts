import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { isLocalDate, LocalDate } from '../rules/calendar';
import { Cents, formatMoney } from '../rules/units';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw badInput(`${scalar} must be given as a string`);
  return ast.value;
}

function parseDate(value: unknown): LocalDate {
  if (!isLocalDate(value)) throw badInput('Date must be a real calendar date written YYYY-MM-DD');
  return value;
}

/** Calendar date without time zone, `YYYY-MM-DD`; impossible dates such as 2026-02-30 are refused. */
export const DateScalar = new GraphQLScalarType<LocalDate, string>({
  name: 'Date',
  description: 'A calendar date without time zone, written YYYY-MM-DD (ISO 8601). Impossible dates are refused.',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(literalString(ast, 'Date')),
});

/** An instant, ISO 8601 with time zone. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description: 'An instant in time, ISO 8601 with a time zone offset, e.g. 2026-11-22T09:30:00.000Z.',
  // Instants are stored as ISO strings; pass them through unchanged.
  serialize: (value) => (typeof value === 'string' ? value : DateTimeISOResolver.serialize(value)),
});

const DECIMAL_RE = /^-?\d{1,12}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL_RE.test(value)) {
    throw badInput('Decimal must be a string holding a decimal number, e.g. "1.9"');
  }
  return value;
}

/** Exact decimal number carried as a string, for CEUs, hours and money amounts. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number written as a string, e.g. "1.9" or "25.00". Never a floating-point number.',
  serialize: (value) => parseDecimal(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => parseDecimal(literalString(ast, 'Decimal')),
});

@ObjectType({ description: 'An amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'The amount as an exact decimal string, e.g. "25.00".' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currencyCode!: string;
}

export function money(cents: Cents, currencyCode: string): Money {
  return { amount: formatMoney(cents), currencyCode };
}
