// The admin pages: users (keyset pages, details, roles, deletion, second factor, passkeys), applications (OpenID
// Connect clients), signing keys, security events.
// Only the public API is used, with an admin's token.
import { ApiError, call, forget, login, logout, roles } from '/shared/api.js';
import {
  actionCell, cell, fail, onClick, onSubmit, say, show,
} from '/shared/ui.js';

const TYPES = ['REGISTER', 'LOGIN', 'LOGIN_ERROR', 'LOGIN_THROTTLED', 'REFRESH', 'REFRESH_REUSE', 'LOGOUT',
  'UPDATE_PROFILE', 'UPDATE_PASSWORD', 'PASSWORD_RESET_REQUEST', 'PASSWORD_RESET', 'VERIFY_EMAIL', 'TOTP_ENABLED',
  'TOTP_DISABLED', 'ROLE_CHANGE', 'DELETE_ACCOUNT', 'KEY_ROTATE', 'KEY_RETIRE', 'ACCESS_DENIED', 'BACKUP',
  'OTP_LOCKED', 'SESSION_END', 'EMAIL_CHANGE', 'EMAIL_CHANGE_REVERTED', 'PASSKEY_ADDED', 'PASSKEY_REMOVED',
  'PASSKEY_CLONED', 'CLIENT_CREATED', 'CLIENT_DELETED'];
const PAGE = 10;
let usersNext = null;
let usersPage = 1;
let eventsNext = null;
let current = null;

async function listUsers(after) {
  const page = await call('GET', `/user?limit=${PAGE}${after ? `&after=${after}` : ''}`);
  const rows = document.getElementById('users-rows');
  rows.replaceChildren(...page.data.map((user) => {
    const row = document.createElement('tr');
    cell(row, user.email);
    cell(row, `${user.first_name} ${user.last_name}`);
    cell(row, user.roles.join(', '));
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'secondary';
    open.textContent = 'Open';
    open.setAttribute('aria-label', `Open ${user.email}`);
    open.addEventListener('click', () => openUser(user.id).catch(fail));
    cell(row, '').appendChild(open);
    return row;
  }));
  usersNext = page.next;
  document.getElementById('users-next').disabled = !usersNext;
  document.getElementById('users-page').textContent = `Page ${usersPage}`;
  show('users');
}

async function openUser(id) {
  current = (await call('GET', `/user/${id}`)).data;
  document.getElementById('u-id').textContent = current.id;
  document.getElementById('u-email').textContent = current.email;
  document.getElementById('u-name').textContent = `${current.first_name} ${current.last_name}`;
  document.getElementById('u-verified').textContent = current.email_verified ? 'yes' : 'no';
  document.getElementById('u-totp').textContent = current.totp_enabled ? 'on' : 'off';
  document.getElementById('u-created').textContent = current.created_at;
  const form = document.getElementById('roles-form');
  form.elements.user.checked = current.roles.includes('user');
  form.elements.admin.checked = current.roles.includes('admin');
  document.getElementById('u-totp-remove').hidden = !current.totp_enabled;
  await listPasskeys();
  show('user');
}

async function listPasskeys() {
  const user = current;
  const passkeys = (await call('GET', `/user/${user.id}/passkeys`)).data;
  document.getElementById('u-passkeys').replaceChildren(...passkeys.map((passkey) => {
    const row = document.createElement('tr');
    cell(row, passkey.name);
    cell(row, passkey.created_at);
    cell(row, passkey.last_used_at || 'never');
    actionCell(row, {
      text: 'Remove',
      label: `Remove the passkey ${passkey.name}`,
      className: 'danger',
      data: { passkey: passkey.id },
      action: async () => {
        await call('DELETE', `/user/${user.id}/passkeys/${encodeURIComponent(passkey.id)}`);
        await listPasskeys();
        say(`The passkey ${passkey.name} of ${user.email} is removed.`);
      },
    });
    return row;
  }));
}

async function listKeys() {
  const keys = (await call('GET', '/keys')).data;
  document.getElementById('keys-rows').replaceChildren(...keys.map((key) => {
    const row = document.createElement('tr');
    cell(row, key.kid).className = 'mono';
    cell(row, key.state);
    cell(row, key.activated_at || '');
    cell(row, key.retire_at || '');
    return row;
  }));
  show('keys');
}

async function listEvents(after) {
  const form = document.getElementById('events-form');
  const filters = new URLSearchParams({ limit: '20' });
  if (form.elements.type.value) {
    filters.set('type', form.elements.type.value);
  }
  if (form.elements.user.value.trim()) {
    filters.set('user', form.elements.user.value.trim());
  }
  if (after) {
    filters.set('after', after);
  }
  const page = await call('GET', `/events?${filters}`);
  document.getElementById('events-rows').replaceChildren(...page.data.map((event) => {
    const row = document.createElement('tr');
    cell(row, event.time);
    cell(row, event.type);
    cell(row, event.user_id || '').className = 'mono';
    cell(row, event.address || '');
    cell(row, Object.entries(event.details || {}).map(([k, v]) => `${k}=${v}`).join(', '));
    return row;
  }));
  eventsNext = page.next;
  document.getElementById('events-next').disabled = !eventsNext;
  show('events');
}

for (const type of TYPES) {
  const option = document.createElement('option');
  option.value = type;
  option.textContent = type;
  document.getElementById('events-type').appendChild(option);
}

async function listClients() {
  const clients = (await call('GET', '/clients')).data;
  document.getElementById('clients-rows').replaceChildren(...clients.map((client) => {
    const row = document.createElement('tr');
    cell(row, client.client_name);
    cell(row, client.client_id).className = 'mono';
    cell(row, client.require_pkce ? client.type : `${client.type}, without PKCE`);
    cell(row, client.redirect_uris.join(' '));
    actionCell(row, {
      text: 'Remove',
      label: `Remove the application ${client.client_name}`,
      className: 'danger',
      data: { client: client.client_id },
      action: async () => {
        await call('DELETE', `/clients/${encodeURIComponent(client.client_id)}`);
        document.getElementById('client-created').hidden = true;
        await listClients();
        say(`The application ${client.client_name} is removed.`);
      },
    });
    return row;
  }));
  show('clients');
}

const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);

onSubmit('client-form', async (form, element) => {
  const client = (await call('POST', '/clients', {
    client_name: form.client_name,
    type: form.type,
    redirect_uris: lines(form.redirect_uris),
    post_logout_redirect_uris: lines(form.post_logout_redirect_uris),
    require_pkce: !form.without_pkce,
  })).data;
  element.reset();
  await listClients();
  document.getElementById('c-id').textContent = client.client_id;
  document.getElementById('c-secret').textContent = client.client_secret || '(none: a public client)';
  document.getElementById('client-created').hidden = false;
  say(`The application ${client.client_name} is registered.`);
});

const views = {
  users: () => { usersPage = 1; return listUsers(null); },
  clients: () => { document.getElementById('client-created').hidden = true; return listClients(); },
  keys: listKeys,
  events: () => listEvents(null),
};
for (const button of document.querySelectorAll('[data-show]')) {
  button.addEventListener('click', () => {
    say('');
    views[button.dataset.show]().catch(fail);
  });
}

onSubmit('signin-form', async (form, element) => {
  await login(form.email, form.password, form.otp);
  if (!roles().includes('admin')) {
    forget();
    throw new ApiError(403, { detail: 'This account is not an administrator.' });
  }
  element.reset();
  document.getElementById('nav').hidden = false;
  usersPage = 1;
  await listUsers(null);
  say('You are signed in.');
});

onClick('users-first', () => { usersPage = 1; return listUsers(null); });
onClick('users-next', () => { usersPage += 1; return listUsers(usersNext); });

onSubmit('open-form', async (form, element) => {
  await openUser(form.id.trim());
  element.reset();
});

onSubmit('roles-form', async (form) => {
  const chosen = ['user', 'admin'].filter((role) => form[role]);
  await call('PUT', `/user/${current.id}/roles`, { roles: chosen });
  await openUser(current.id);
  say(`The roles of ${current.email} are saved.`);
});

onClick('u-totp-remove', async () => {
  await call('DELETE', `/user/${current.id}/totp`);
  await openUser(current.id);
  say(`The second factor of ${current.email} is removed.`);
});

onClick('u-delete', async () => {
  if (!window.confirm(`Delete ${current.email}? This cannot be undone.`)) {
    return;
  }
  await call('DELETE', `/user/${current.id}`);
  usersPage = 1;
  await listUsers(null);
  say(`${current.email} is deleted.`);
});

onClick('keys-rotate', async () => {
  const key = (await call('POST', '/keys/rotate')).data;
  await listKeys();
  say(`Key ${key.kid} is published; it signs from ${key.activated_at}.`);
});

onSubmit('events-form', () => listEvents(null));
onClick('events-next', () => listEvents(eventsNext));

onClick('signout', async () => {
  try {
    await logout();
  } finally {
    document.getElementById('nav').hidden = true;
    show('signin');
    say('You are signed out.');
  }
});

show('signin');
