/**
 * The layers of lib/, lowest first. A folder may import its own layer and the layers below it,
 * never one above; with the folder-level cycle rule this keeps lib/ a directed graph, type
 * imports included. README "Layers" draws the same picture.
 */
const layers = [
  ['contracts', 'runtime', 'network', 'text', 'security', 'cli', 'lib-root'],
  ['telemetry', 'safety', 'pricing', 'prompts'],
  ['models', 'http', 'resilience', 'audit', 'embeddings', 'providers'],
  ['retrieval', 'metrics', 'ingest', 'auth'],
  ['agent'],
  ['cost', 'alerts', 'cache', 'health'],
  ['operations', 'chat', 'chat-ui', 'evaluation'],
];

/** A path pattern for a lib/ folder; `lib-root` is the files directly in lib/ (config, errors, logger). */
const folderPattern = (folder) => (folder === 'lib-root' ? '^lib/[^/]+$' : `^lib/${folder}/`);
const anyOf = (folders) => folders.map(folderPattern);

const upwardRules = layers.slice(0, -1).map((layer, index) => ({
  name: `layer-${index}-imports-upward`,
  comment: `lib/{${layer.join(',')}} may import only its own layer or lower ones (see README "Layers").`,
  severity: 'error',
  from: { path: anyOf(layer) },
  to: { path: anyOf(layers.slice(index + 1).flat()) },
}));

const knownFolders = layers.flat().filter((folder) => folder !== 'lib-root');

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Folders of lib/ must not import each other in a loop, type imports included.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'No import cycle between modules either.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    ...upwardRules,
    {
      name: 'chat-ui-is-browser-code',
      comment: 'lib/chat-ui runs in the browser: it may import only shared contracts.',
      severity: 'error',
      from: { path: '^lib/chat-ui/' },
      to: { path: '^lib/', pathNot: ['^lib/chat-ui/', '^lib/contracts/'] },
    },
    {
      name: 'lib-stays-a-library',
      comment: 'lib/ never imports the app, its components, scripts or tests.',
      severity: 'error',
      from: { path: '^lib/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^(app|components|scripts|tests)/' },
    },
    {
      name: 'every-folder-has-a-layer',
      comment: 'A new lib/ folder must be given a layer in .dependency-cruiser.cjs and the README.',
      severity: 'error',
      from: { path: '^lib/[^/]+/', pathNot: `^lib/(${knownFolders.join('|')})/` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
