import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { buildAppSchema } from '../../src/schema';

/** Every schema element a client can see, with its description (introspection and built-in scalars left out). */
function documentedElements(schema: GraphQLSchema): { element: string; description: string | null | undefined }[] {
  const elements: { element: string; description: string | null | undefined }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    elements.push({ element: `type ${type.name}`, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push({ element: `field ${type.name}.${field.name}`, description: field.description });
        for (const arg of field.args) {
          elements.push({ element: `argument ${type.name}.${field.name}(${arg.name})`, description: arg.description });
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push({ element: `input field ${type.name}.${field.name}`, description: field.description });
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        elements.push({ element: `enum value ${type.name}.${value.name}`, description: value.description });
      }
    }
  }
  return elements;
}

describe('schema documentation (DESIGN §3: every type, field, argument and enum value has a description)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('walks a schema of real size (guards the walk itself)', () => {
    const elements = documentedElements(schema).map((e) => e.element);
    expect(elements.length).toBeGreaterThan(200);
    expect(elements).toEqual(
      expect.arrayContaining([
        'type Query',
        'type Mutation',
        'field Mutation.registerCourse',
        'argument Mutation.registerCourse(input)',
        'input field RegisterCourseInput.title',
        'enum value UserErrorCode.TOO_LONG',
        'type Date',
        'type Decimal',
      ]),
    );
    expect(elements.some((e) => e.startsWith('type __'))).toBe(false);
    expect(elements).not.toContain('type String');
  });

  it('every type, field, argument, input field and enum value has a non-empty description', () => {
    const offenders = documentedElements(schema)
      .filter((e) => !e.description || e.description.trim() === '')
      .map((e) => e.element);
    // The list is the message: a failure names every undocumented element.
    expect(offenders).toEqual([]);
  });

  it('the committed schema.graphql equals the schema printed from the code (scripts/emit-schema.ts)', () => {
    const printed = `# Generated from the code by \`npm run schema\`; do not edit by hand.\n\n${printSchema(
      lexicographicSortSchema(schema),
    )}\n`;
    const committed = readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed).toBe(printed);
  });
});
