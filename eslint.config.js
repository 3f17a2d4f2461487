import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const videoJsOnlyInPlayer = {
  group: ['video.js', 'video.js/*'],
  message: 'Only src/player may import video.js.',
};

// Features never import each other: what two features use lives in src/features/shared, and a
// page that needs another feature's part gets it from src/app (as props).
const FEATURES = ['archive', 'embed', 'home', 'translator', 'viewer'];
const noOtherFeatures = (feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          videoJsOnlyInPlayer,
          {
            group: FEATURES.filter((other) => other !== feature).flatMap((other) => [
              `../${other}/*`,
              `**/features/${other}/*`,
            ]),
            message:
              feature === 'shared'
                ? 'src/features/shared imports no feature: it is what features share.'
                : 'Features never import each other: move what both use to src/features/shared, or pass it in from src/app.',
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'tests/.artifacts', 'public/embed.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Cue text and episode data are rendered as text, never as HTML.',
        },
        {
          selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Never assign HTML strings: build nodes or use textContent.',
        },
      ],
    },
  },
  {
    // video.js lives behind one adapter in src/player.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/player/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [videoJsOnlyInPlayer],
        },
      ],
    },
  },
  ...[...FEATURES, 'shared'].map(noOtherFeatures),
  {
    // The pure core: no React, no DOM, no video.js, no Node built-ins. It runs the same in the
    // browser, the CLI and the build.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react-dom/*', 'react/*'],
              message: 'src/core stays free of React.',
            },
            videoJsOnlyInPlayer,
            { group: ['@tanstack/*'], message: 'src/core stays free of data-fetching libraries.' },
            {
              group: ['node:*', 'fs', 'path', 'fs/*'],
              message: 'src/core runs in the browser too: no Node built-ins.',
            },
            {
              group: ['**/player/*', '**/features/*', '**/app/*', '**/data/*', '**/server/*'],
              message: 'src/core imports nothing from the layers above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'HTMLElement',
      ],
    },
  },
  {
    files: ['scripts/**/*.{ts,js,mjs}', 'tests/**/*.{ts,tsx}', '*.config.{ts,js}'],
    rules: { 'no-console': 'off' },
  },
);
