// ESLint with typescript-eslint's recommended rules (not type-aware: fast, and what they catch
// here is what review should not have to). Formatting is prettier's job (.prettierrc.json).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['out/', 'dist/', 'node_modules/', '.cache/', '.vscode-test/', 'test-output/'] },
  // A disable comment that no longer silences anything is itself reported.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // An unused parameter or binding is named with a leading underscore on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // CommonJS: .cjs, and the plain .js files (a shim, a probe extension), which have no "type": "module".
  { files: ['**/*.cjs', '**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
