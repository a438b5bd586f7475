import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.output-e2e/**', '.wxt/**', 'node_modules/**', 'tests/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', document: 'readonly', window: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page strings must never become markup.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text nodes; page strings must never become HTML.' },
        { property: 'outerHTML', message: 'Render text nodes; page strings must never become HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render text nodes; page strings must never become HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page strings must never become HTML.' },
      ],
    },
  },
  {
    // Pure code: no browser APIs and no clock (time is passed in).
    files: ['lib/domain/**', 'lib/platforms/**'],
    rules: {
      'no-restricted-globals': ['error', 'browser', 'chrome', 'location', 'window', 'document'],
      'no-restricted-imports': ['error', { paths: ['wxt/browser', 'idb-keyval', 'zod'] }],
    },
  },
  {
    // idb-keyval in a content script would write into the website's own database.
    files: ['entrypoints/*.content.ts', 'entrypoints/*.content/**', 'lib/runtime/**', 'lib/platforms/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['idb-keyval', 'zod'],
          patterns: [{ group: ['**/storage/*', '**/background/*'], message: 'Content scripts stay small and never touch IndexedDB.' }],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'scripts/**', '*.config.*'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
