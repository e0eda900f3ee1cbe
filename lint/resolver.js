// How eslint-plugin-import-x finds the file behind an import, so that import-x/no-cycle (and the
// package graph's rules) see every edge: sources import `./x.js` and mean `x.ts`, and a workspace
// package (`@swf-flow/common`) means its sources, as tsconfig.json's paths say.
import { createNodeResolver } from 'eslint-plugin-import-x';
import { fileURLToPath } from 'node:url';

/** The import-x settings every TypeScript file is linted with. */
export const resolverSettings = {
  // Only files with these extensions are parsed when a rule follows an import; the default (.js) would
  // leave every TypeScript module unread and no-cycle blind.
  'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
  'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
  'import-x/resolver-next': [
    createNodeResolver({
      extensions: ['.ts', '.mts', '.js', '.mjs', '.json', '.node'],
      extensionAlias: { '.js': ['.ts', '.js'], '.mjs': ['.mts', '.mjs'] },
      tsconfig: { configFile: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) },
      conditionNames: ['types', 'import', 'node', 'default'],
    }),
  ],
};
