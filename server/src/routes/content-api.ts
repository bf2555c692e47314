// Policies are published law-facing texts: reading them needs no account, so these routes are truly public.
const publicRoute = (path: string, handler: string) => ({
  method: 'GET' as const,
  path,
  handler: `public-api.${handler}`,
  config: { auth: false as const, policies: [] },
});

// The ledger's routes need a users-permissions JWT (Authenticated role) or an API token with the action.
const ledgerRoute = (method: 'GET' | 'POST', path: string, action: string) => ({
  method,
  path,
  handler: `acceptances.${action}`,
  config: { policies: [] },
});

export default {
  type: 'content-api' as const,
  routes: [
    publicRoute('/policies', 'policies'),
    publicRoute('/policies/:key/current', 'current'),
    publicRoute('/policies/:key/versions', 'versions'),
    publicRoute('/policies/:key/versions/:version', 'version'),
    { ...publicRoute('/policies/:key/diff', 'diff'), handler: 'diff.published' },
    ledgerRoute('POST', '/policies/:key/acceptances', 'accept'),
    ledgerRoute('POST', '/policies/:key/withdrawals', 'withdraw'),
    ledgerRoute('GET', '/policies/:key/acceptances/status', 'status'),
    ledgerRoute('GET', '/policies/:key/acceptances/me', 'me'),
  ],
};
