// Policies are published law-facing texts: reading them needs no account, so these routes are truly public.
const publicRoute = (path: string, handler: string) => ({
  method: 'GET' as const,
  path,
  handler: `public-api.${handler}`,
  config: { auth: false as const, policies: [] },
});

export default {
  type: 'content-api' as const,
  routes: [
    publicRoute('/policies', 'policies'),
    publicRoute('/policies/:key/current', 'current'),
    publicRoute('/policies/:key/versions', 'versions'),
    publicRoute('/policies/:key/versions/:version', 'version'),
    { ...publicRoute('/policies/:key/diff', 'diff'), handler: 'diff.published' },
  ],
};
