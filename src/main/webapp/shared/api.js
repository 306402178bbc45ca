// A client of the service's public HTTP API, as any other client: the pages get no back door.
// Tokens live in this module's memory only (never localStorage or cookies); the refresh token is rotated
// before the access token expires, as the API requires.

const session = { token: null, refresh: null, expiresAt: 0, claims: null };

export class ApiError extends Error {
  constructor(status, problem) {
    const fields = problem && problem.errors
      ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join(', ')}`).join('; ')
      : '';
    super([problem && problem.detail ? problem.detail : `The request failed (${status}).`, fields]
      .filter(Boolean).join(' '));
    this.status = status;
    this.type = problem ? problem.type : null;
  }
}

function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(Array.from(atob(payload),
    (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
}

function keep(data) {
  session.token = data.token;
  if (data.refresh_token) {
    session.refresh = data.refresh_token;
  }
  session.expiresAt = Date.now() + data.expires_in * 1000;
  session.claims = claimsOf(data.token);
}

export function forget() {
  session.token = null;
  session.refresh = null;
  session.expiresAt = 0;
  session.claims = null;
}

export const signedIn = () => session.token !== null;
export const userId = () => (session.claims ? session.claims.sub : null);
export const roles = () => (session.claims ? session.claims.groups || [] : []);

async function send(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

export async function refresh() {
  if (!session.refresh) {
    throw new ApiError(401, { detail: 'Please sign in again.' });
  }
  try {
    keep((await send('POST', '/user/refresh-token', { refresh_token: session.refresh })).data);
  } catch (error) {
    forget();
    throw error;
  }
}

/** An API call; signed-in calls carry the access token, refreshed first when it is about to expire. */
export async function call(method, path, body) {
  if (session.token && Date.now() > session.expiresAt - 30000) {
    await refresh();
  }
  return send(method, path, body, session.token);
}

export async function login(email, password, otp) {
  const body = { email, password };
  if (otp) {
    body.otp = otp;
  }
  keep((await send('POST', '/user/login', body)).data);
}

/** A passkey sign-in's options (PublicKeyCredentialRequestOptionsJSON), each with its own single-use challenge. */
export async function passkeyOptions() {
  return (await send('POST', '/user/passkey-login/options')).data;
}

/**
 * Signs in with a passkey for these options: the browser's own dialog (mediation 'required'), or the autofill of
 * the email field ('conditional', until the signal aborts it). Needs the WebAuthn Level 3 JSON helpers.
 */
export async function passkeyLogin(options, mediation, signal) {
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options), mediation, signal,
  });
  keep((await send('POST', '/user/passkey-login', credential.toJSON())).data);
}

export const passkeysSupported = () => typeof window.PublicKeyCredential === 'function'
  && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

export async function logout() {
  try {
    await call('POST', '/user/logout');
  } finally {
    forget();
  }
}
