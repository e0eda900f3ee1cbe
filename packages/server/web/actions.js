// The web UI's action forms (signal, request cancel, terminate, start): ask for confirmation, post
// the form with fetch and show the outcome in the form, without leaving the page.
'use strict';
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('action')) return;
  event.preventDefault();
  const outcome = form.querySelector('.outcome');
  if (!window.confirm(form.dataset.confirm || 'Are you sure?')) {
    outcome.textContent = 'Not sent.';
    outcome.className = 'outcome muted';
    return;
  }
  const body = new URLSearchParams(new FormData(form));
  body.set('confirm', 'yes');
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  outcome.textContent = 'Sending…';
  outcome.className = 'outcome muted';
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    const answer = await response.json();
    outcome.textContent = answer.message; // text, never markup
    outcome.className = answer.ok ? 'outcome note done' : 'outcome note error';
    if (answer.ok && answer.href && form.action.endsWith('/start')) {
      const link = document.createElement('a');
      link.href = answer.href;
      link.textContent = ' Open the run';
      outcome.append(link);
    }
  } catch (err) {
    outcome.textContent = `Could not reach the server: ${err.message}`;
    outcome.className = 'outcome note error';
  } finally {
    button.disabled = false;
  }
});
