// ESLint for the extension: recommended rules, browser + extension globals,
// and no console.* outside the logger.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['pkg/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
    },
    rules: {
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'prefer-const': 'error',
    },
  },
  {
    files: ['src/scanner/worker.js'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ['test/**/*.js', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];
