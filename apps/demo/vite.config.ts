import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The demo consumes the workspace packages as a real host app would: their built `dist/`
// (turbo builds them first). `pnpm start` serves `dist/` from the demo server.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/dots': 'http://127.0.0.1:3000',
    },
  },
});
