/**
 * Server rendering of the example, as a Next.js page's server side would do it: read the session cookie, load
 * the consent snapshot and the policy with the user's JWT, render <App> to HTML, and hand the same props to the
 * browser, which hydrates with them (main.tsx). Run it with `npx tsx examples/react-app/server.tsx`.
 */
import http from 'node:http';
import { renderToString } from 'react-dom/server';
import { createClient } from 'strapi-plugin-policy-versions/client';
import { prefetchConsent } from 'strapi-plugin-policy-versions/react';
import { App, LOCALES, POLICY, readSession, type AppProps, type Locale } from './App';

// `<` escaped, so no text in the JSON can close the script element.
const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The props the page renders with: what a signed-in user's consent and the policy stand at now. */
export async function loadProps(strapiUrl: string, cookieHeader: string, locale: Locale = 'ru'): Promise<AppProps> {
  const session = readSession(cookieHeader);
  if (!session) return { strapiUrl, session, locale };
  const client = createClient({ baseUrl: strapiUrl, getToken: () => session.jwt });
  const [snapshot, policy] = await Promise.all([
    prefetchConsent({ client, policy: POLICY, locale }),
    client.current(POLICY, { locale }),
  ]);
  return { strapiUrl, session, locale, snapshot, policy };
}

export function renderPage(props: AppProps, script = '/app.js'): string {
  return `<!doctype html>
<html lang="${props.locale}">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Policy versions · React example</title></head>
<body>
<div id="root">${renderToString(<App {...props} />)}</div>
<script id="app-data" type="application/json">${json(props)}</script>
<script type="module" src="${script}"></script>
</body>
</html>`;
}

/** Serves the server-rendered page at / (its locale from ?locale=) and the browser bundle at /app.js. */
export function createAppServer({ strapiUrl, bundle }: { strapiUrl: string; bundle: string }): http.Server {
  return http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/app.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
      return;
    }
    if (url.pathname !== '/') {
      response.writeHead(404).end();
      return;
    }
    const asked = url.searchParams.get('locale');
    const locale = (LOCALES as readonly string[]).includes(asked ?? '') ? (asked as Locale) : 'ru';
    loadProps(strapiUrl, request.headers.cookie ?? '', locale).then(
      (props) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(renderPage(props)),
      (error: unknown) => response.writeHead(502, { 'content-type': 'text/plain' }).end(`Strapi: ${error instanceof Error ? error.message : String(error)}`)
    );
  });
}

if (require.main === module) {
  const strapiUrl = process.env.STRAPI_URL ?? 'http://localhost:1337';
  const port = Number(process.env.PORT ?? 5173);
  // Bundled from the repository's source, so this runs without `npm run build`.
  void import('./bundle').then(async ({ bundleClient }) => {
    const bundle = await bundleClient({ from: 'source' });
    createAppServer({ strapiUrl, bundle }).listen(port, '127.0.0.1', () => {
      process.stdout.write(`React example on http://127.0.0.1:${port}, against ${strapiUrl}\n`);
    });
  });
}
