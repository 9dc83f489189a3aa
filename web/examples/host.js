// An exhibition page embedding Bone Music (docs/museum.md): it lists the
// app's events and sends it commands. Open it as
//   host.html?app=https://bonemusic.example/embed.html
// (default: the embed.html one folder up). Any of lang, demo, film, kiosk,
// controls, theme and state given to this page are passed on to the app.
'use strict';

(() => {
  const params = new URLSearchParams(location.search);
  const appURL = new URL(params.get('app') || '../embed.html', location.href);
  const iframe = document.getElementById('bonemusic');
  const log = document.getElementById('log');
  // Every event received, for the page's own use (and the end-to-end test),
  // and how many messages of any kind came from the app's frame.
  const events = (window.boneEvents = []);
  window.boneMessages = 0;

  for (const name of ['lang', 'demo', 'film', 'kiosk', 'controls', 'theme', 'state']) {
    if (params.has(name)) appURL.searchParams.set(name, params.get(name));
  }
  // The app talks only with the origins it is told: this page's. (?origins=
  // here overrides it, to see what a page not on the list gets: nothing.)
  appURL.searchParams.set('origins', params.get('origins') || location.origin);
  iframe.src = appURL.href;

  addEventListener('message', (event) => {
    // Only the app, from its own origin, in its own shape.
    if (event.source !== iframe.contentWindow) return;
    window.boneMessages++;
    if (event.origin !== appURL.origin) return;
    const m = event.data;
    if (!m || m.bonemusic !== 1 || typeof m.type !== 'string') return;
    events.push(m);
    if (m.type === 'state') return; // ten a second: too many to list
    const item = document.createElement('li');
    const { bonemusic, type, ...detail } = m;
    item.textContent = `${type} ${JSON.stringify(detail)}`;
    log.prepend(item);
  });

  for (const button of document.querySelectorAll('[data-command]')) {
    button.addEventListener('click', () => {
      iframe.contentWindow.postMessage({ bonemusic: 1, type: button.dataset.command }, appURL.origin);
    });
  }
})();
