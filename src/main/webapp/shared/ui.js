// What both pages share: one section shown at a time, messages, and form values as objects.

export function show(id) {
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = section.id !== id;
  }
  const first = document.querySelector(`#${id} input, #${id} button`);
  if (first) {
    first.focus();
  }
}

export function say(text) {
  document.getElementById('status').textContent = text || '';
  document.getElementById('error').textContent = '';
}

export function fail(error) {
  document.getElementById('status').textContent = '';
  document.getElementById('error').textContent = error && error.message ? error.message : String(error);
}

export function values(form) {
  const result = {};
  for (const [name, value] of new FormData(form).entries()) {
    result[name] = typeof value === 'string' ? value : '';
  }
  return result;
}

/** Runs a form's action on submit; its error (a problem's detail) is shown to the person. */
export function onSubmit(id, action) {
  const form = document.getElementById(id);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say('');
    try {
      await action(values(form), form);
    } catch (error) {
      fail(error);
    }
  });
}

export function onClick(id, action) {
  document.getElementById(id).addEventListener('click', async () => {
    say('');
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  });
}

export function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
  return td;
}

/**
 * A cell holding one button that runs an action for its row (end a session, remove a passkey), with data
 * attributes naming what it acts on; the action's error is shown to the person.
 */
export function actionCell(row, {
  text, label, className, data, action,
}) {
  const button = document.createElement('button');
  Object.assign(button.dataset, data || {});
  button.type = 'button';
  button.className = className;
  button.textContent = text;
  button.setAttribute('aria-label', label);
  button.addEventListener('click', async () => {
    say('');
    try {
      await action();
    } catch (error) {
      fail(error);
    }
  });
  cell(row, '').appendChild(button);
}
