/**
 * Builds the Pagefind search index after `astro build`, so search is a static file set that works
 * offline and on any static host. Only elements marked `data-pagefind-body` (lesson articles) are indexed.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

export function pagefind(): AstroIntegration {
  return {
    name: 'backend-kitchen-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { createIndex, close } = await import('pagefind');
        const { index, errors } = await createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const site = fileURLToPath(dir);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        await index.writeFiles({ outputPath: `${site}/pagefind` });
        await close();
        logger.info(`Pagefind indexed ${added.page_count} pages`);
      },
    },
  };
}
