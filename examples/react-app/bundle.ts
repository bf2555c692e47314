import path from 'node:path';
import { build } from 'esbuild';

/**
 * The browser bundle of main.tsx, built as an app would build it: the package's entries by their names, from the
 * built package (dist/, `npm run build`) unless `from: 'source'`. Development React, whose hydration warnings are
 * the readable ones.
 */
export async function bundleClient({ from = 'dist', minify = false }: { from?: 'dist' | 'source'; minify?: boolean } = {}): Promise<string> {
  const root = path.resolve(__dirname, '..', '..');
  const entry = (name: 'client' | 'react') =>
    from === 'dist' ? path.join(root, 'dist', name, 'index.mjs') : path.join(root, name, name === 'react' ? 'index.tsx' : 'index.ts');
  const result = await build({
    entryPoints: [path.join(__dirname, 'main.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify,
    alias: { 'strapi-plugin-policy-versions/client': entry('client'), 'strapi-plugin-policy-versions/react': entry('react') },
    define: { 'process.env.NODE_ENV': JSON.stringify(minify ? 'production' : 'development') },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
