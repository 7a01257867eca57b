import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../src/schema';

/** Writes `schema.graphql` from the code, or with --check fails when the committed file differs. */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '../../schema.graphql');
  const schema = await buildAppSchema();
  const text = `# Generated from the code by \`npm run schema\`; do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as different */
    }
    if (committed !== text) {
      console.error('schema.graphql does not match the code: run `npm run schema` and commit the result.');
      process.exit(1);
    }
    console.log('schema.graphql matches the code.');
    return;
  }
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
