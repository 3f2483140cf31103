import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The admin SPA: admin/ built to dist/admin, served by the Gazette server at /admin (src/server/admin-app.ts).
 * Hashed file names under /admin/assets/ let the server cache them for a year; index.html is never cached.
 */
export default defineConfig({
  root: 'admin',
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: '../dist/admin',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // Everything the server must serve, no inline scripts (the admin's CSP allows only 'self').
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
  },
  server: { proxy: { '/admin/api': 'http://127.0.0.1:3000' } },
});
