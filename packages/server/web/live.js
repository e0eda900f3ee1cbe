// Live updates of an open run's page: every 1.5 s ask the server what changed since the newest event
// the page shows; put the new events' rows under the table (on its last page) and redraw the
// summary, outcome, timeline and tables in place, keeping the scroll position. Stops once the run
// closes. The HTML comes from the server, escaped like every page; the CSP runs no inline script.
'use strict';
(() => {
  const run = document.getElementById('run');
  if (!run || run.dataset.open !== 'true') return;
  const state = document.getElementById('live-state');
  const table = document.querySelector('table.history tbody');
  const pageSize = Number(run.dataset.pageSize || '250');
  const parts = {
    summary: 'run-summary',
    outcome: 'run-outcome',
    timeline: 'run-timeline',
    pending: 'run-pending',
    children: 'run-children',
  };
  state.textContent = '● live';
  let stopped = false;

  // Keep what the reader looks at in place: the last section whose top is scrolled past stays put
  // (the browser's own scroll anchoring is off in style.css, so it does not adjust twice).
  const sections = () => [...Object.values(parts), 'history'].map((id) => document.getElementById(id)).filter(Boolean);
  const anchor = () =>
    sections()
      .filter((el) => el.getBoundingClientRect().top <= 1)
      .pop();

  const keepingPlace = (change) => {
    const reference = anchor();
    const before = reference ? reference.getBoundingClientRect().top : 0;
    change();
    if (reference) window.scrollBy(0, reference.getBoundingClientRect().top - before);
  };

  // A closed run takes no actions: the forms stay (with the outcome they show) but are disabled.
  const closeActions = () => {
    const actions = document.getElementById('run-actions');
    if (!actions) return;
    for (const control of actions.querySelectorAll('input, textarea, select, button')) control.disabled = true;
    const note = document.createElement('p');
    note.className = 'muted';
    note.textContent = 'The run has closed: no more actions.';
    actions.prepend(note);
  };

  const apply = (changed) => {
    for (const [key, id] of Object.entries(parts)) {
      const el = document.getElementById(id);
      if (el) el.innerHTML = changed[key];
    }
    if (table && run.dataset.lastPage === 'true') {
      const rows = document.createElement('tbody');
      rows.innerHTML = changed.rows;
      const room = pageSize - table.rows.length;
      const incoming = [...rows.rows];
      table.append(...incoming.slice(0, Math.max(room, 0)));
      if (incoming.length > room) {
        const more = document.getElementById('more-events');
        if (more) more.hidden = false;
      }
    }
    document.getElementById('event-count').textContent = String(changed.eventCount);
  };

  const poll = async () => {
    if (stopped) return;
    try {
      const url = `${window.location.pathname.replace(/\/$/, '')}/live?after=${encodeURIComponent(run.dataset.lastEvent)}`;
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const update = await response.json();
      keepingPlace(() => {
        if (update.changed) apply(update.changed);
        if (!update.open) closeActions();
      });
      run.dataset.lastEvent = String(update.lastEventId);
      if (!update.open) {
        stopped = true;
        state.textContent = 'closed';
        return;
      }
      state.textContent = '● live';
    } catch (err) {
      state.textContent = `live updates paused (${err.message}); retrying`;
    }
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1500);
})();
