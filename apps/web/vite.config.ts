import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The Fastify server serves dist/ in production; in `vite dev` the API is proxied to it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': process.env.DUELY_API ?? 'http://127.0.0.1:3000' } },
});
