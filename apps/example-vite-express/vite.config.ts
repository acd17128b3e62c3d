import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite` (dev) proxies the host's API and the broker to `npm start`'s server on port 3000.
const api = 'http://localhost:3000';
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'build/client' },
  server: { proxy: { '/api': api, '/dots': api } },
});
