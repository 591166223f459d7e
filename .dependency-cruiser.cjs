// The import rules that hold the architecture (`npm run lint:imports`, via scripts/lint-imports.ts,
// which also feeds dependency-cruiser the imports of `.astro` files).

// Neutral modules any folder may use: they import nothing of ours.
const SHARED = '^integration/shared/';
// The package's public entry files, read from package.json `exports` (lib/X.js is built from
// integration/X.ts): the only files of the package that src/ may import.
const PUBLIC_ENTRIES = Object.values(require('./package.json').exports).map((target) => {
  const file = typeof target === 'string' ? target : target.default;
  const source = file.replace(/^[.]\/lib\//, 'integration/').replace(/[.]js$/, '.ts');
  return `^${source.replaceAll('.', '[.]').replace('*', '')}${source.endsWith('*') ? '' : '$'}`;
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'graph-store-self-contained',
      comment: 'graph/ and store/ import nothing of ours but the neutral modules in shared/.',
      severity: 'error',
      from: { path: '^integration/(graph|store)/' },
      to: { path: '^integration/', pathNot: ['^integration/$1/', SHARED] },
    },
    {
      name: 'emulator-only-for-demo-benches-tests',
      comment:
        'The emulator is for demo mode (sync/demo-mode.ts, scripts/demo.ts), benches, the fuzzer, ' +
        'tests and their harnesses; the emulator itself depends on nothing else of ours.',
      severity: 'error',
      from: {
        pathNot: [
          '^integration/emulator/',
          '^integration/sync/demo-mode[.]ts$',
          '^scripts/demo[.]ts$',
          '^bench/',
          '^fuzz/',
          '^test/',
          '^harness/',
        ],
      },
      to: { path: '^integration/emulator/' },
    },
    {
      name: 'emulator-self-contained',
      severity: 'error',
      from: { path: '^integration/emulator/' },
      to: { path: '^integration/', pathNot: ['^integration/emulator/', SHARED] },
    },
    {
      name: 'components-embed-stay-static',
      comment: 'components/ and embed/ render pages; they never reach server/, store/ or publish/.',
      severity: 'error',
      from: { path: '^integration/(components|embed)/' },
      to: { path: '^integration/(server|store|publish)/' },
    },
    {
      name: 'sync-not-server',
      comment: 'Build-time sync never imports the request handlers.',
      severity: 'error',
      from: { path: '^integration/sync/' },
      to: { path: '^integration/server/' },
    },
    {
      name: 'server-not-sync',
      comment: 'Nor the reverse (DESIGN.md): request handlers never import build-time sync.',
      severity: 'error',
      from: { path: '^integration/server/' },
      to: { path: '^integration/sync/' },
    },
    {
      name: 'src-through-public-exports',
      comment: 'The reference site uses the package as a user would: through its public exports.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^integration/', pathNot: PUBLIC_ENTRIES },
    },
    {
      name: 'benches-not-tests',
      comment: 'Benches share the harnesses of harness/ with the tests, and import nothing of test/.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'harness-neutral',
      comment: 'harness/ serves tests and benches alike, so it imports neither.',
      severity: 'error',
      from: { path: '^harness/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'package-not-outside',
      comment: 'The published package never imports the site, scripts, tests, benches or the fuzzer.',
      severity: 'error',
      from: { path: '^integration/' },
      to: { path: '^(src|scripts|test|bench|harness|fuzz)/' },
    },
    {
      name: 'no-folder-cycles',
      comment:
        'Folders depend on each other one way only (e.g. sync/ uses guest/, never the reverse). ' +
        'The emulator counts as one folder: its subfolders only group its files by API area.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^integration/', pathNot: '^integration/emulator/.' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment:
        'No runtime cycles between modules. Type-only imports are erased, so a cycle that runs ' +
        'through one (a type declared beside its user) is allowed.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves, so no edge escapes the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ['^(astro|virtual):', '[.]css([?]|$)'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The consumer fixture imports the packed package, which exists only once `npm pack` ran.
    exclude: { path: ['(^|/)(node_modules|dist|lib|[.]astro)/', '^test/fixtures/consumer/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
