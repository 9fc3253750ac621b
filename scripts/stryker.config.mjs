/**
 * Mutation testing of the rules a standing is only as true as: the CPD arithmetic, requirements,
 * standing and the ethics procedure's clocks, against their unit specs alone. `npm run mutation`;
 * the report is written to reports/mutation (git-ignored). Not part of `npm test`.
 */
export default {
  testRunner: 'jest',
  jest: { configFile: 'scripts/jest.unit.config.js' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/cpd/cpd-rules.ts',
    'src/requirements/requirement-rules.ts',
    'src/standing/standing-rules.ts',
    'src/cases/case-clocks.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  concurrency: 2,
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
};
