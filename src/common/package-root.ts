import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The package root: the nearest directory at or above `from` holding package.json. The same
 * from `src/…` under ts-jest and from the built `dist/src/…`, so files beside the code
 * (`examples/`, `schema.graphql`) are found in both.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
