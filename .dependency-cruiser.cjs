/**
 * The layers of README's "Layout", checked in CI (`npm run check:layers`): no two folders of src/
 * import each other, even through others, and no import points up a layer. Top to bottom:
 *
 *   doors      the root's app files (main, app.module, cli, configure-app…), api, reader-pages,
 *              embed, newsroom, archive, inbound, webhooks, cli, queue-board, health
 *   workflows  publishing, signup, readers-data, readers-import
 *   domain     editions, delivery, readers, consent, deliverability, clicks, articles, editors
 *   ground     newsletters, mail, tokens, queue, database, config, common, metrics
 *
 * The one exception is the entity registry (database/entities.ts): TypeORM needs every module's
 * entities in one list for migrations and the drift check.
 */
const LAYERS = {
  doors: ['api', 'reader-pages', 'embed', 'newsroom', 'archive', 'inbound', 'webhooks', 'cli', 'queue-board', 'health'],
  workflows: ['publishing', 'signup', 'readers-data', 'readers-import'],
  domain: ['editions', 'delivery', 'readers', 'consent', 'deliverability', 'clicks', 'articles', 'editors'],
  ground: ['newsletters', 'mail', 'tokens', 'queue', 'database', 'config', 'common', 'metrics'],
};
const ORDER = ['ground', 'domain', 'workflows', 'doors'];
const folders = (names) => `^src/(${names.join('|')})/`;
const above = (layer) => ORDER.slice(ORDER.indexOf(layer) + 1).flatMap((name) => LAYERS[name]);

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Two folders of src/ import each other, directly or through others.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...ORDER.slice(0, -1).map((layer) => ({
      name: `no-upward-import-from-${layer}`,
      comment: `A module of the ${layer} layer imports from a layer above it.`,
      severity: 'error',
      from: { path: folders(LAYERS[layer]) },
      to: { path: [folders(above(layer)), '^src/[^/]+\\.ts$'] },
    })),
    {
      name: 'every-folder-has-a-layer',
      comment: "A folder of src/ that README's Layout does not place in a layer: add it to LAYERS and to the README.",
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: folders(Object.values(LAYERS).flat()) },
      to: {},
    },
    {
      name: 'stores-stay-in-their-module',
      comment: "Only its own module uses a store: every other module asks the owner's service.",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/.+\\.store\\.ts$', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The entity registry is left out of the graph: it is the documented exception.
    exclude: { path: ['\\.spec\\.ts$', '^src/database/entities\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
