const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // The suite mostly waits on sockets, databases and timers: two workers on a two-core machine
  // run it in well under half the time of Jest's default there (cores − 1, which is one).
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type-checking is `npm run typecheck`'s job; transpiling each file alone (isolatedModules)
    // keeps the suite fast and still emits the decorator metadata type-graphql and TypeORM read.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};
