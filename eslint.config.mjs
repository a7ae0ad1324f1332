// ESLint flat config: typescript-eslint's recommended type-checked rules (floating and misused promises
// above all) over src, test, bench and scripts. Every rule turned off or relaxed below says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'test/debugAdapter/fixtures/**', '.lambda-workbench/**', '.vscode-test/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // tsc checks unused code already (noUnusedLocals, noUnusedParameters in tsconfig.json), and knows
      // that `const { a: _a, ...rest } = x` omits a field on purpose.
      '@typescript-eslint/no-unused-vars': 'off',
      // An async function without await is how a synchronous throw becomes a rejection (route handlers,
      // backends, DAP handlers answer every failure through the promise); the rule would flag each one.
      '@typescript-eslint/require-await': 'off',
      // The typed-events idiom: `export declare interface X { on(event: 'y', ...): this }` merged with
      // `class X extends EventEmitter` types each emitter's events; there is no unsafe member to hide.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // Template and API inputs are `unknown` by design (parsed YAML / JSON) and are String()-ed where AWS
      // coerces scalars; the validators report non-scalar values before they get there.
      '@typescript-eslint/no-base-to-string': 'off',
      // Flags `let files: string[] = []; try { files = read() } catch { return }`, where the initial value
      // states the type and the fallback; no finding in this codebase was a real dead store.
      'no-useless-assignment': 'off',
      // A timer assigned after the closure that clears it is declared must stay `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests, benchmarks and scripts read AWS responses as JSON and assert on their shape: typing each
    // response document would duplicate the assertions, so `any` from JSON.parse is accepted there.
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
