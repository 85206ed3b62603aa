// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { pagefind } from './site/integrations/pagefind.ts';
import { localRunner } from './site/integrations/local-runner.ts';
import { templateModules } from './site/integrations/template-modules.ts';

/**
 * WebContainers need cross-origin isolation, so every response carries these two headers in dev,
 * preview and `npm start` (site/server sets them there too). Everything a page loads is same-origin.
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  trailingSlash: 'ignore',
  integrations: [mdx(), pagefind(), localRunner(), templateModules()],
  server: { port: Number(process.env.PORT ?? 4321), headers: isolationHeaders },
  markdown: {
    shikiConfig: {
      // The -default variants keep every token at 4.5:1 contrast or more (axe fails github-light's orange and github-dark's comments).
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
    },
  },
  vite: {
    preview: { headers: isolationHeaders },
    server: { headers: isolationHeaders },
  },
});
