import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build worth compressing, at the highest
 * levels: the server sends the one the browser accepts without compressing anything per request.
 */
function precompress(): Plugin {
  return {
    name: 'duban-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const file = path.join(options.dir ?? 'dist', fileName);
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        const brotli = brotliCompressSync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        });
        writeFileSync(`${file}.br`, brotli);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/** Where `vite` (dev mode) sends /api: the API server on port 8080 unless DUBAN_API_URL says otherwise. */
const apiUrl = process.env.DUBAN_API_URL || 'http://127.0.0.1:8080';

/** The web client: served by the API server from dist/; in dev, Vite proxies /api to the API server. */
export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Building a zod schema has no effect beyond its value: a page that uses a domain constant does not keep the
      // schemas beside it, nor zod itself when it validates nothing (the login page).
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 3 },
            { name: 'initial', tags: ['$initial'], priority: 2 },
          ],
        },
      },
    },
  },
});
