'use strict';

/**
 * Seeding over the admin HTTP API, as an editor's browser would: the server runs in another process, and this
 * keeps the playground free of bench-only code. A fresh database has no admin yet, so the first one may
 * register itself.
 */
const { randomBytes } = require('node:crypto');

/** Calls `method url` with the admin's JWT; anything but 2xx is an error naming the call and the answer. */
const adminClient = (baseUrl, token) => async (method, url, body) => {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
};

/** Registers the first (super) admin of a fresh database and returns a client acting as it. */
async function registerAdmin(baseUrl) {
  const response = await fetch(`${baseUrl}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${randomBytes(4).toString('hex')}@example.test`,
      password: `Bench-${randomBytes(12).toString('base64url')}1`,
      firstname: 'Bench',
      lastname: 'Admin',
    }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`register-admin → ${response.status} ${text.slice(0, 500)}`);
  const { token } = JSON.parse(text).data;
  // The JWT rides along for calls that need it raw, such as a streamed download.
  return Object.assign(adminClient(baseUrl, token), { token });
}

/**
 * Lets the Public role (no login) call the given actions of a content type's controller, e.g.
 * `allowPublic(admin, 'api::bench-text', 'bench-text', ['find', 'findOne'])`. The role update replaces the whole
 * permission tree, so the current tree is read and only the given actions are switched on.
 */
async function allowPublic(admin, api, controller, actions) {
  const { roles } = await admin('GET', '/users-permissions/roles');
  const publicRole = roles.find((role) => role.type === 'public');
  const { role } = await admin('GET', `/users-permissions/roles/${publicRole.id}`);
  const controllerActions = role.permissions[api].controllers[controller];
  for (const action of actions) controllerActions[action].enabled = true;
  await admin('PUT', `/users-permissions/roles/${publicRole.id}`, {
    name: role.name,
    description: role.description,
    permissions: role.permissions,
  });
}

module.exports = { registerAdmin, allowPublic };
