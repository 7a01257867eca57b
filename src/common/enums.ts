import { registerEnumType } from 'type-graphql';

/** A string-valued enum object (`{ A: 'A' }`) from a list of values, usable by GraphQL and TypeORM. */
export function enumOf<T extends string>(values: readonly T[]): { readonly [K in T]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T]: K };
}

/** Registers an enum with a description for the enum and for every value. */
export function describeEnum<T extends string>(
  enumObject: { readonly [K in T]: K },
  name: string,
  description: string,
  values: { readonly [K in T]: string },
): void {
  registerEnumType(enumObject, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      Object.entries(values).map(([k, d]) => [k, { description: d as string }]),
    ) as never,
  });
}
