import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `vite` (dev mode) sends /api: the API server on port 8080 unless DUBAN_API_URL says otherwise. */
const apiUrl = process.env.DUBAN_API_URL || 'http://127.0.0.1:8080';

/** The web client: served by the API server from dist/; in dev, Vite proxies /api to the API server. */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 3 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/,
              priority: 2,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
