// Lint rules: strict TypeScript, named exports only, and the layering rules of the design guide.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectronInCore = {
  paths: [
    { name: 'electron', message: 'main/core runs in plain Node: only main/electron may import electron.' },
    { name: 'electron-store', message: 'electron-store belongs to main/electron (UI preferences only).' },
  ],
  patterns: [{ group: ['react', 'react-dom', '**/electron/**', '**/server/**'], message: 'main/core must not depend on hosts or UI.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  { files: ['main/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', noElectronInCore] } },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'react', '../main/*', '../../main/*'], message: 'shared/ imports zod only.' }] }] },
  },
  { files: ['eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
);
