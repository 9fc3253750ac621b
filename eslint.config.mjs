// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

/** Folders under src/ that every module may import: plumbing and the auth kernel. */
const SHARED = ['common', 'config', 'database', 'auth', 'types'];
/**
 * The modules from the ground up: a module imports only modules on a floor below its own, so no
 * two folders import each other. A new module takes the floor above everything it needs.
 */
const FLOORS = [
  ['audit', 'mail'],
  ['people', 'chapters', 'professions', 'evidence', 'dues', 'requirements'],
  ['education', 'ethics', 'accounts', 'health'],
  ['credentials'],
  ['membership'],
  ['cases'],
  ['cpd'],
  ['standing', 'volunteering', 'watch-lists'],
  ['renewals', 'letters', 'reminders'],
  ['seed-packs'],
  ['problems'],
];
const MODULES = FLOORS.flat();
const unplaced = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && ![...SHARED, ...MODULES].includes(entry.name))
  .map((entry) => entry.name);
if (unplaced.length) throw new Error(`Give each module a floor in eslint.config.mjs: ${unplaced}`);
const floorOf = (name) => FLOORS.findIndex((floor) => floor.includes(name));

/**
 * A module reaches another only through what it exports: its Nest module, its port (what other
 * modules may ask of it), its read models, its rules and types, its errors and its DTOs. Entities, repositories and controllers are its own.
 */
const notBelow = (name) =>
  MODULES.filter((other) => other !== name && floorOf(other) >= floorOf(name)).map(
    (other) => `src/${other}/**`,
  );

const boundaryRule = (name, servicesAllowed) => [
  'error',
  {
    patterns: [
      { group: ['../../*'], message: 'Import from src/... instead.' },
      {
        group: [
          'src/*/**',
          `!src/${name}/**`,
          ...SHARED.map((shared) => `!src/${shared}/**`),
          '!src/*/*.module',
          '!src/*/*.port',
          '!src/audit/audit.service',
          ...(servicesAllowed ? ['!src/*/*.service'] : []),
          '!src/*/*.read-model',
          '!src/*/*-rules',
          '!src/*/*.types',
          '!src/*/*.errors',
          '!src/*/dto',
          '!src/*/dto/*',
        ],
        message:
          "Another module's services, entities, repositories and controllers are its own: use its port or read model.",
      },
      ...(notBelow(name).length
        ? [
            {
              group: notBelow(name),
              message:
                'A module imports only modules on a floor below its own (FLOORS in eslint.config.mjs).',
            },
          ]
        : []),
    ],
  },
];

const moduleBoundaries = MODULES.flatMap((name) => [
  {
    files: [`src/${name}/**/*.ts`],
    rules: { 'no-restricted-imports': boundaryRule(name, name === 'seed-packs') },
  },
]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.test-data-*/**',
      '.bench-data/**',
      'coverage/**',
      'eslint.config.mjs',
      'jest.config.js',
      'scripts/jest.unit.config.js',
      'scripts/stryker.config.mjs',
      '.stryker-tmp/**',
      'reports/**',
      'test/support/summary-reporter.js',
      'test/support/verify-vc.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-imports': ['error', { patterns: ['../../*'] }],
    },
  },
  ...moduleBoundaries,
  {
    // Plumbing stands under every module: it imports none of them.
    files: ['src/common/**/*.ts', 'src/config/**/*.ts', 'src/database/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Import from src/... instead.' },
            {
              group: ['src/*', '!src/common', '!src/config', '!src/database', '!src/types'],
              message: 'common/, config/ and database/ import no module: move the code down or up.',
            },
          ],
        },
      ],
    },
  },
  {
    // The auth kernel every module imports: principal, roles, duties, access, decorators, the
    // guard. No database and no module of its own (accounts/ holds sign-in, tokens, API keys).
    files: ['src/auth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', '@nestjs/typeorm', 'pg'],
          patterns: [
            { group: ['../../*'], message: 'Import from src/... instead.' },
            {
              group: ['src/*', '!src/auth', '!src/common'],
              message: 'The auth kernel imports only src/common: it has no database or module.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
