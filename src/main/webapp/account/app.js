// The account pages: sign up, sign in (with the second factor when the account has one), profile, password,
// TOTP, verification and reset from the mails' links. Only the public API is used.
import { ApiError, call, forget, login, logout, signedIn, userId } from '/shared/api.js';
import { cell, fail, onClick, onSubmit, say, show } from '/shared/ui.js';
import qrcode from '/shared/vendor/qrcode-generator-2.0.4.js';

const query = new URLSearchParams(window.location.search);

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
  show('profile');
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
      const end = document.createElement('button');
      end.type = 'button';
      end.className = 'secondary';
      end.textContent = 'End';
      end.dataset.session = session.id;
      end.setAttribute('aria-label', `End the session signed in ${new Date(session.created_at).toLocaleString()}`);
      end.addEventListener('click', async () => {
        say('');
        try {
          await call('DELETE', `/user/${userId()}/sessions/${encodeURIComponent(session.id)}`);
          await loadSessions();
          say('The session has ended.');
        } catch (error) {
          fail(error);
        }
      });
      cell(row, '').appendChild(end);
    }
    return row;
  }));
}

function signedOut(message) {
  forget();
  document.getElementById('nav').hidden = true;
  document.getElementById('otp-label').hidden = true;
  show('signin');
  say(message);
}

for (const button of document.querySelectorAll('[data-show]')) {
  button.addEventListener('click', () => {
    say('');
    show(button.dataset.show);
  });
}

onSubmit('signin-form', async (form) => {
  try {
    await login(form.email, form.password, form.otp);
  } catch (error) {
    if (error instanceof ApiError && error.type === 'urn:accounts:problem:otp-required') {
      document.getElementById('otp-label').hidden = false;
      document.querySelector('#signin-form [name=otp]').focus();
    }
    throw error;
  }
  document.getElementById('signin-form').reset();
  await loadProfile();
  say('You are signed in.');
});

onSubmit('signup-form', async (form, element) => {
  await call('POST', '/user', form);
  element.reset();
  show('signin');
  say('Your account is ready: sign in. We have mailed you a link to confirm your address.');
});

onSubmit('forgot-form', async (form, element) => {
  await call('POST', '/user/password-reset', { email: form.email });
  element.reset();
  show('signin');
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
  } else if (signedIn()) {
    await loadProfile();
  } else {
    show('signin');
  }
}

start();
