// The live run page's only script: swaps in each update the coordinator sends over Server-Sent Events. The HTML it
// receives is rendered and escaped by the coordinator (coordinator/livePage/renderRunPage.ts); nothing is built here.
/* global document, EventSource */
'use strict';

const run = document.getElementById('run');
const link = document.getElementById('link');

function showLink(state, text) {
  link.dataset.link = state;
  link.textContent = text;
}

const events = new EventSource('/api/events');
events.addEventListener('message', (event) => {
  const update = JSON.parse(event.data);
  run.innerHTML = update.html;
  showLink('live', `live · updated ${new Date().toISOString().slice(11, 19)} UTC`);
});
// EventSource reconnects by itself; until then the last state received stays on screen.
events.addEventListener('error', () => showLink('lost', 'coordinator unreachable · showing the last state received'));
