/**
 * Lets a child `node` process run the TypeScript sources directly (`node -r
 * ./test/support/ts-register.js src/index.ts`): each .ts file is transpiled on load, as ts-jest
 * does for the tests (isolated modules, decorator metadata), so no build is needed.
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  useDefineForClassFields: false,
  sourceMap: false,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
