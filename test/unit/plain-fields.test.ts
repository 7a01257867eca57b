import 'reflect-metadata';
import { GraphQLObjectType } from 'graphql';
import { Authorized, Field, getMetadataStorage, MiddlewareFn, ObjectType, UseMiddleware } from 'type-graphql';
import { buildAppSchema } from '../../src/schema';

const passThrough: MiddlewareFn = (_data, next) => next();

// A type of this test only: fields that must keep type-graphql's wrapper beside one that needs none.
@ObjectType()
class GuardedExample {
  @Authorized('STAFF')
  @Field()
  secret!: string;

  @UseMiddleware(passThrough)
  @Field()
  watched!: string;

  @Field()
  plain!: string;
}

describe('plain fields answer through the default resolver', () => {
  let schema: Awaited<ReturnType<typeof buildAppSchema>>;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  const fieldsOf = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields();

  it('a column has no resolver of its own (no wrapper per field per row)', () => {
    expect(fieldsOf('Course').code.resolve).toBeUndefined();
    expect(fieldsOf('Course').title.resolve).toBeUndefined();
    expect(fieldsOf('PageInfo').hasNextPage.resolve).toBeUndefined();
  });

  it('field resolvers and renamed fields keep theirs', () => {
    expect(fieldsOf('Course').provider.resolve).toBeDefined();
    expect(fieldsOf('Course').approvedThrough.resolve).toBeDefined();
    // `id` is the `globalId` getter under another name: the default resolver would read `id`.
    expect(fieldsOf('Course').id.resolve).toBeDefined();
  });

  it('a field with roles or middlewares keeps the wrapper that enforces them', () => {
    const simple = (name: string) =>
      getMetadataStorage().fields.find((f) => f.target === GuardedExample && f.name === name)?.simple;
    expect(simple('secret')).not.toBe(true);
    expect(simple('watched')).not.toBe(true);
    expect(simple('plain')).toBe(true);
  });
});
