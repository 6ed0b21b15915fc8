import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const shim = (file: string): string => fileURLToPath(new URL(`./src/node-shims/${file}`, import.meta.url));

/**
 * What the browser gets in place of the Node built-ins ESLint's Linter and the plugin import:
 * `node:path` (ESLint's extname, the plugin's dirname/join/relative/sep) is path-browserify behind a
 * shim that gives it named exports; `node:fs` and `node:url` (the
 * plugin reading its own package.json at load) are two small shims.
 */
const NODE_BUILTINS: Readonly<Record<string, string>> = {
  path: shim('path.ts'),
  fs: shim('fs.ts'),
  url: shim('url.ts'),
};

/**
 * The Node built-ins, ESLint's timing switch, and ESLint's built-in JavaScript rules, which its default
 * config requires (lazily, but a bundler includes them all: a third of the page) and the playground
 * never runs. One plugin for the page, its worker and the dev server's dependency pre-bundling.
 */
function browserResolutions(): Plugin {
  return {
    name: 'playground:browser-resolutions',
    enforce: 'pre',
    resolveId(source, importer) {
      const builtin = NODE_BUILTINS[source.replace(/^node:/u, '')];
      if (builtin) return builtin;
      if (source === '../rules' && importer?.replaceAll('\\', '/').endsWith('/eslint/lib/config/default-config.js')) return shim('eslint-core-rules.cjs');
      return null;
    },
    // ESLint's timing module reads process.env.TIMING at load. Replaced in that file only: a global
    // define would give the page a `process` object, which other packages (jsonc-eslint-parser) take for Node.
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/eslint/lib/linter/timing.js')) return null;
      return { code: code.replaceAll('process.env.TIMING', 'undefined'), map: null };
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

export default defineConfig({
  // Relative asset paths: dist/index.html works from any static host and folder.
  base: './',
  plugins: [browserResolutions(), contentSecurityPolicy()],
  worker: { format: 'es', plugins: () => [browserResolutions()] },
  optimizeDeps: { rolldownOptions: { plugins: [browserResolutions()] } },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: false,
    // The timings report names the page's two largest transforms on every build; bench.mjs measures what matters.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
