/**
 * Serves the example under a strict Content-Security-Policy, as a production page would be: its files, the
 * built element (dist/element/index.mjs) at /element/index.mjs, and the Strapi URL written into the page's
 * <meta name="policy-versions-api">. Run it with `npx tsx examples/plain-html/server.ts` (see README.md).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const HERE = __dirname;
const ELEMENT = path.resolve(HERE, '..', '..', 'dist', 'element', 'index.mjs');

const FILES: Record<string, { file: string; type: string }> = {
  '/app.js': { file: path.join(HERE, 'app.js'), type: 'text/javascript' },
  '/page.css': { file: path.join(HERE, 'page.css'), type: 'text/css' },
  '/element/index.mjs': { file: ELEMENT, type: 'text/javascript' },
};

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Scripts and styles from the page's origin only, requests to Strapi only; nothing inline, no eval. */
export const contentSecurityPolicy = (strapiUrl: string) =>
  `default-src 'self'; connect-src ${new URL(strapiUrl).origin}; script-src 'self'; style-src 'self'`;

/** `cacheControl` is for the page's files (no-store by default, so an edit shows at once); the page itself is never cached. */
export function createPlainServer({ strapiUrl, cacheControl = 'no-store' }: { strapiUrl: string; cacheControl?: string }): http.Server {
  const page = fs
    .readFileSync(path.join(HERE, 'index.html'), 'utf8')
    .replace(/(<meta name="policy-versions-api" content=")[^"]*/, (_, open: string) => `${open}${escapeAttribute(strapiUrl)}`);
  const csp = contentSecurityPolicy(strapiUrl);

  return http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const headers = { 'content-security-policy': csp, 'cache-control': cacheControl, 'x-content-type-options': 'nosniff' };
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, { ...headers, 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    const served = FILES[pathname];
    if (!served) {
      // No favicon: an empty answer rather than a 404 the console would report.
      response.writeHead(pathname === '/favicon.ico' ? 204 : 404, headers).end();
      return;
    }
    fs.readFile(served.file, (error, body) => {
      if (error) response.writeHead(404, headers).end(`${pathname}: ${error.code === 'ENOENT' ? 'not built (npm run build)' : error.message}`);
      else response.writeHead(200, { ...headers, 'content-type': `${served.type}; charset=utf-8` }).end(body);
    });
  });
}

if (require.main === module) {
  const strapiUrl = process.env.STRAPI_URL ?? 'http://localhost:1337';
  const port = Number(process.env.PORT ?? 5174);
  createPlainServer({ strapiUrl }).listen(port, '127.0.0.1', () => {
    process.stdout.write(`Plain HTML example on http://127.0.0.1:${port}/ (Strapi: ${strapiUrl})\n`);
  });
}
