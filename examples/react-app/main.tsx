/**
 * The browser entry. A page from server.tsx carries the props it rendered with (#app-data): hydrate with
 * exactly those. A page without them (`npx vite`, no server rendering) renders from the cookie alone.
 */
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, readSession, type AppProps } from './App';

const root = document.getElementById('root') as HTMLElement;
const data = document.getElementById('app-data');

if (data?.textContent) {
  hydrateRoot(root, <App {...(JSON.parse(data.textContent) as AppProps)} />);
} else {
  const strapiUrl = document.querySelector<HTMLMetaElement>('meta[name="strapi-url"]')?.content || 'http://localhost:1337';
  createRoot(root).render(<App strapiUrl={strapiUrl} session={readSession(document.cookie)} locale="ru" />);
}
