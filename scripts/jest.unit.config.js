/**
 * The pure rules' unit specs alone, without a database: what mutation testing runs against
 * (`npm run mutation`). Type errors are not test failures here: a mutant that does not compile
 * is not one a test caught.
 */
const base = require('../jest.config.js');

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testRegex: '(cpd-rules|requirement-rules|standing-rules|case-clocks)\\.spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, isolatedModules: true }] },
  moduleFileExtensions: base.moduleFileExtensions,
  moduleNameMapper: base.moduleNameMapper,
};
