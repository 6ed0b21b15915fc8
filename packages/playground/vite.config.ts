import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** Resolved here: the packages that import `node:path` do not depend on path-browserify themselves. */
const pathBrowserify = createRequire(import.meta.url).resolve('path-browserify');
const shim = (name: string, extension = 'ts'): string => fileURLToPath(new URL(`./src/node-shims/${name}.${extension}`, import.meta.url));

/** ESLint's default config requires every built-in JavaScript rule (lazily, but a bundler includes them all). */
function withoutCoreRules(): Plugin {
  return {
    name: 'playground:without-eslint-core-rules',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '../rules' && importer?.replaceAll('\\', '/').endsWith('/eslint/lib/config/default-config.js')) return shim('eslint-core-rules', 'cjs');
      return null;
    },
  };
}

/** The built page promises that nothing leaves the browser; its Content-Security-Policy holds it to that. */
function contentSecurityPolicy(): Plugin {
  const policy = "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'";
  return {
    name: 'playground:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

/**
 * ESLint's Linter and the plugin load in a Web Worker. The Node built-ins they import are replaced here,
 * and only here: `node:path` (ESLint's extname, the plugin's dirname/join/relative/sep) by path-browserify,
 * `node:fs` and `node:url` (the plugin reading its own package.json at load) by two small shims, and
 * `process.env.TIMING` (read by ESLint's timing module at load) by undefined. ESLint's built-in rules are left out.
 */
export default defineConfig({
  base: './',
  plugins: [withoutCoreRules(), contentSecurityPolicy()],
  worker: { format: 'es', plugins: () => [withoutCoreRules()] },
  resolve: {
    alias: [
      { find: /^(node:)?path$/u, replacement: pathBrowserify },
      { find: /^(node:)?fs$/u, replacement: shim('fs') },
      { find: /^(node:)?url$/u, replacement: shim('url') },
    ],
  },
  define: {
    'process.env.TIMING': 'undefined',
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: false,
  },
});
