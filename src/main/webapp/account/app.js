// The account pages: sign up, sign in (with the second factor when the account has one, or with a passkey), profile,
// passkeys, password, TOTP, verification and reset from the mails' links. Only the public API is used.
import {
  ApiError, call, forget, login, logout, passkeyLogin, passkeyOptions, passkeysSupported, signedIn, userId,
} from '/shared/api.js';
import {
  actionCell, cell, fail, onClick, onSubmit, say, show,
} from '/shared/ui.js';
import qrcode from '/shared/vendor/qrcode-generator-2.0.4.js';

const query = new URLSearchParams(window.location.search);
// On /account/sign-in an application sent the person here (OpenID Connect): once signed in, back to it with a code.
const forApplication = window.location.pathname.replace(/\/+$/, '').endsWith('/sign-in') ? window.location.search : null;

/** After any sign-in: the application that asked for it, or the profile. */
async function afterSignIn(message) {
  if (forApplication) {
    const next = (await call('POST', `/oauth2/authorize${forApplication}`)).data.redirect_to;
    say('Signed in: back to the application.');
    window.location.assign(next);
    return;
  }
  await loadProfile();
  say(message);
}

async function loadProfile() {
  const user = (await call('GET', `/user/${userId()}`)).data;
  document.getElementById('p-email').textContent = user.email;
  document.getElementById('p-verified').textContent = user.email_verified ? 'yes' : 'not yet';
  document.getElementById('p-totp').textContent = user.totp_enabled ? 'on' : 'off';
  document.getElementById('p-roles').textContent = user.roles.join(', ');
  document.getElementById('resend').hidden = user.email_verified;
  const form = document.getElementById('profile-form');
  form.elements.first_name.value = user.first_name;
  form.elements.last_name.value = user.last_name;
  form.elements.email.value = user.email;
  document.getElementById('totp-off').hidden = user.totp_enabled;
  document.getElementById('totp-remove-form').hidden = !user.totp_enabled;
  document.getElementById('totp-enrol').hidden = true;
  document.getElementById('nav').hidden = false;
  await loadSessions();
  await loadPasskeys();
  show('profile');
}

const when = (instant) => (instant ? new Date(instant).toLocaleString() : 'never');

async function loadPasskeys() {
  const passkeys = (await call('GET', `/user/${userId()}/passkeys`)).data;
  document.getElementById('passkey-rows').replaceChildren(...passkeys.map((passkey) => {
    const row = document.createElement('tr');
    cell(row, passkey.name);
    cell(row, when(passkey.created_at));
    cell(row, when(passkey.last_used_at));
    actionCell(row, {
      text: 'Remove',
      label: `Remove the passkey ${passkey.name}`,
      className: 'danger',
      data: { passkey: passkey.id },
      action: async () => {
        await call('DELETE', `/user/${userId()}/passkeys/${encodeURIComponent(passkey.id)}`);
        await loadPasskeys();
        say('The passkey is removed.');
      },
    });
    return row;
  }));
  document.getElementById('passkey-form').hidden = !passkeysSupported();
}

// The autofill sign-in (WebAuthn conditional mediation): one request at a time, started when the sign-in form
// shows and stopped before anything else signs in. It is renewed before its challenge expires; once it ends (used,
// dismissed, refused) it is not restarted in a loop, only when the form shows again or another sign-in failed.
// `generation` tells a start that a stop came while it was waiting for the browser or the server.
let autofill = null;
let generation = 0;

async function stopAutofill() {
  generation += 1;
  const pending = autofill;
  autofill = null;
  if (pending) {
    clearTimeout(pending.renew);
    pending.controller.abort();
    await pending.done.catch(() => {});
  }
}

async function startAutofill() {
  const mine = generation;
  try {
    if (autofill || !passkeysSupported() || typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function'
        || !(await PublicKeyCredential.isConditionalMediationAvailable()) || mine !== generation || autofill) {
      return;
    }
    const options = await passkeyOptions();
    if (mine !== generation || autofill) {
      return;
    }
    const controller = new AbortController();
    const done = passkeyLogin(options, 'conditional', controller.signal);
    const renew = setTimeout(() => stopAutofill().then(startAutofill), Math.max(options.timeout - 15000, 15000));
    const request = { controller, done, renew };
    autofill = request;
    try {
      await done;
    } catch (error) {
      if (autofill === request) {
        clearTimeout(renew);
        autofill = null;
        if (error instanceof ApiError) {
          fail(error);
        }
      }
      return;
    }
    clearTimeout(renew);
    autofill = null;
    await signedInWithPasskey();
  } catch (error) {
    fail(error);
  }
}

async function signedInWithPasskey() {
  document.getElementById('signin-form').reset();
  await afterSignIn('You are signed in with your passkey.');
}

function showSignIn() {
  show('signin');
  document.getElementById('passkey-signin').hidden = !passkeysSupported();
  startAutofill();
}

async function loadSessions() {
  const sessions = (await call('GET', `/user/${userId()}/sessions`)).data;
  document.getElementById('sessions-rows').replaceChildren(...sessions.map((session) => {
    const row = document.createElement('tr');
    cell(row, new Date(session.created_at).toLocaleString());
    cell(row, new Date(session.last_used_at).toLocaleString());
    cell(row, session.address || '');
    cell(row, session.user_agent || '');
    if (session.current) {
      cell(row, 'this one');
    } else {
      actionCell(row, {
        text: 'End',
        label: `End the session signed in ${new Date(session.created_at).toLocaleString()}`,
        className: 'secondary',
        data: { session: session.id },
        action: async () => {
          await call('DELETE', `/user/${userId()}/sessions/${encodeURIComponent(session.id)}`);
          await loadSessions();
          say('The session has ended.');
        },
      });
    }
    return row;
  }));
}

function signedOut(message) {
  forget();
  document.getElementById('nav').hidden = true;
  document.getElementById('otp-label').hidden = true;
  showSignIn();
  say(message);
}

for (const button of document.querySelectorAll('[data-show]')) {
  button.addEventListener('click', () => {
    say('');
    if (button.dataset.show === 'signin') {
      showSignIn();
    } else {
      show(button.dataset.show);
    }
  });
}

onSubmit('signin-form', async (form) => {
  await stopAutofill();
  try {
    await login(form.email, form.password, form.otp);
  } catch (error) {
    if (error instanceof ApiError && error.type === 'urn:accounts:problem:otp-required') {
      document.getElementById('otp-label').hidden = false;
      document.querySelector('#signin-form [name=otp]').focus();
    }
    startAutofill();
    throw error;
  }
  document.getElementById('signin-form').reset();
  await afterSignIn('You are signed in.');
});

onClick('passkey-signin', async () => {
  await stopAutofill();
  try {
    await passkeyLogin(await passkeyOptions(), 'required');
  } catch (error) {
    startAutofill();
    if (error.name === 'NotAllowedError' || error.name === 'AbortError') {
      throw new Error('The passkey sign-in was cancelled or timed out.');
    }
    throw error;
  }
  await signedInWithPasskey();
});

onSubmit('passkey-form', async (form, element) => {
  const options = (await call('POST', `/user/${userId()}/passkeys/options`)).data;
  let credential;
  try {
    credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
  } catch (error) {
    if (error.name === 'NotAllowedError' || error.name === 'AbortError') {
      throw new Error('Adding the passkey was cancelled or timed out.');
    }
    if (error.name === 'InvalidStateError') {
      throw new Error('This device already holds a passkey of this account.');
    }
    throw error;
  }
  const body = credential.toJSON();
  if (form.name) {
    body.name = form.name;
  }
  await call('POST', `/user/${userId()}/passkeys`, body);
  element.reset();
  await loadPasskeys();
  say('The passkey is added: you can sign in with it.');
});

onSubmit('signup-form', async (form, element) => {
  await call('POST', '/user', form);
  element.reset();
  showSignIn();
  say('Your account is ready: sign in. We have mailed you a link to confirm your address.');
});

onSubmit('forgot-form', async (form, element) => {
  await call('POST', '/user/password-reset', { email: form.email });
  element.reset();
  showSignIn();
  say('If this address has an account, a reset link is on its way.');
});

onSubmit('reset-form', async (form, element) => {
  await call('POST', '/user/password-reset/confirm', { token: query.get('token'), new_password: form.new_password });
  element.reset();
  window.history.replaceState(null, '', '/account/');
  signedOut('Your password is set. Sign in with it.');
});

onSubmit('profile-form', async (form) => {
  await call('PUT', `/user/${userId()}`, form);
  await loadProfile();
  say('Your profile is saved.');
});

onSubmit('password-form', async (form, element) => {
  await call('PUT', `/user/${userId()}/password`, form);
  element.reset();
  signedOut('Your password is changed and every session has ended. Sign in again.');
});

onClick('resend', async () => {
  await call('POST', `/user/${userId()}/verify-email/resend`);
  say('A confirmation mail is on its way.');
});

onClick('totp-start', async () => {
  const enrolment = (await call('POST', `/user/${userId()}/totp`)).data;
  const qr = qrcode(0, 'M');
  qr.addData(enrolment.otpauth_uri);
  qr.make();
  document.getElementById('totp-qr').src = qr.createDataURL(6, 4);
  document.getElementById('totp-secret').textContent = enrolment.secret;
  document.getElementById('totp-uri').textContent = enrolment.otpauth_uri;
  document.getElementById('totp-enrol').hidden = false;
  document.querySelector('#totp-confirm-form [name=code]').focus();
});

onSubmit('totp-confirm-form', async (form, element) => {
  const codes = (await call('POST', `/user/${userId()}/totp/confirm`, { code: form.code })).data.recovery_codes;
  element.reset();
  const list = document.getElementById('totp-code-list');
  list.replaceChildren(...codes.map((code) => {
    const item = document.createElement('li');
    item.textContent = code;
    return item;
  }));
  await loadProfile();
  document.getElementById('totp-codes').hidden = false;
  say('The second factor is on.');
});

onSubmit('totp-remove-form', async (form, element) => {
  await call('DELETE', `/user/${userId()}/totp`, { current_password: form.current_password });
  element.reset();
  document.getElementById('totp-codes').hidden = true;
  await loadProfile();
  say('The second factor is off.');
});

onClick('signout', async () => {
  try {
    await logout();
  } finally {
    signedOut('You are signed out.');
  }
});

onClick('revert-confirm', async () => {
  await call('POST', '/user/email-change/revert', { token: query.get('token') });
  document.getElementById('revert-confirm').hidden = true;
  say('Your address is back and every session has ended. Now choose a new password.');
});

onClick('verify-confirm', async () => {
  await call('POST', '/user/verify-email', { token: query.get('token') });
  document.getElementById('verify-confirm').hidden = true;
  say('Your address is confirmed.');
});

async function start() {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path.endsWith('/reset')) {
    show('reset');
  } else if (path.endsWith('/revert-email')) {
    show('revert');
  } else if (path.endsWith('/verify')) {
    // nothing is confirmed until the person presses the button: a mail scanner that opens the link (and runs its
    // scripts) confirms nothing. The mail's link names the address after '#', which never reaches a server.
    const address = decodeURIComponent(window.location.hash.slice(1));
    if (address) {
      document.getElementById('verify-address').textContent = `Confirm that ${address} is your address.`;
    }
    show('verify');
  } else if (signedIn() && !forApplication) {
    await loadProfile();
  } else {
    showSignIn();
    if (forApplication) {
      say('Sign in to continue to the application that sent you here.');
    }
  }
}

start();
