// Lint rules; the import boundaries here are the architecture of DESIGN.md made executable.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outward = ['coordinator', 'participant', 'cli'];
const boundary = (dirs) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: dirs.map((dir) => ({
        group: [`**/${dir}/**`, `**/${dir}`],
        message: `common/ must not import from ${dir}/ (see DESIGN.md: Parts and where they live).`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'experiments/results/**', 'contracts/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['common/**/*.ts'], rules: boundary(outward) },
  {
    files: ['common/he/**/*.ts', 'coordinator/strategies/**/*.ts', 'common/strategies/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['@grpc/grpc-js', 'ethers', 'node:fs', 'fs', 'node:fs/promises'].map((name) => ({
            name,
            message: 'The HE codec and aggregation strategies are pure: no gRPC, no ethers, no file system.',
          })),
          patterns: outward.map((dir) => ({ group: [`**/${dir}/**`], message: `no imports from ${dir}/` })),
        },
      ],
    },
  },
);
