/** `node:url` in the browser: the plugin turns its own module URL into a path to look for package.json above it. */
export function fileURLToPath(url: string | URL): string {
  return new URL(String(url)).pathname;
}

export default { fileURLToPath };
