// The embed API: how embed.html talks with the exhibition page around it
// (docs/museum.md). Messages go only to the embedding page, and only when
// its origin is on the allow-list the page gave in ?origins= — never to
// '*'. Commands are taken only from that page, only from allowed origins,
// and only in the documented shape {bonemusic: 1, type: 'play'}.
// ?theme= is applied here too; the app reads its other parameters itself
// (game/embed.go).
'use strict';

(() => {
  const apiVersion = 1;
  const commands = ['play', 'stop', 'load-demo'];
  const themes = ['dark', 'light'];
  const params = new URLSearchParams(location.search);
  const app = (window.bonemusic = window.bonemusic || {});
  // What the bridge did, for the site's web team in the console and for tests.
  const embed = (app.embed = { allowed: [], sent: {}, ignored: 0 });

  const theme = (params.get('theme') || 'dark').toLowerCase();
  if (themes.includes(theme)) {
    document.documentElement.dataset.theme = theme;
  } else {
    console.warn(`Bone Music: theme=${theme} is not one of ${themes.join(', ')}: using dark`);
  }

  if (window.parent === window) return;
  embed.allowed = allowList(params.get('origins') || '');
  if (!embed.allowed.length) {
    console.info('Bone Music: no ?origins= given, so the embed sends no events and takes no commands. ' +
      'Add ?origins=https://your.museum.example to the iframe\'s address.');
    return;
  }

  // allowList is the origins in a comma-separated list; '*' and anything
  // that is not an http(s) origin are refused, with a word on the console.
  function allowList(list) {
    const origins = [];
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      let origin = '';
      try {
        const url = new URL(item);
        if (/^https?:$/.test(url.protocol)) origin = url.origin;
      } catch (err) {
        // not a URL
      }
      if (origin) origins.push(origin);
      else console.warn(`Bone Music: ignoring origins entry ${JSON.stringify(item)}: give origins such as https://museum.example (no '*')`);
    }
    return [...new Set(origins)];
  }

  // The embedding page's origin, when the browser tells it; else the first
  // command from an allowed origin does.
  let parentOrigin = '';
  try {
    parentOrigin = (location.ancestorOrigins && location.ancestorOrigins[0]) ||
      (document.referrer ? new URL(document.referrer).origin : '');
  } catch (err) {
    parentOrigin = '';
  }

  function send(type, detail) {
    const message = Object.assign({ bonemusic: apiVersion, type }, detail);
    // postMessage delivers only when targetOrigin is the parent's: with its
    // origin unknown, each allowed origin is tried and at most one matches.
    const targets = parentOrigin ? [parentOrigin].filter((o) => embed.allowed.includes(o)) : embed.allowed;
    for (const origin of targets) window.parent.postMessage(message, origin);
    if (targets.length) embed.sent[type] = (embed.sent[type] || 0) + 1;
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    if (!embed.allowed.includes(event.origin)) {
      embed.ignored++;
      return;
    }
    parentOrigin = event.origin;
    const m = event.data;
    if (!m || typeof m !== 'object' || m.bonemusic !== apiVersion || !commands.includes(m.type)) {
      send('error', {
        code: 'bad-command',
        message: `Bone Music takes {bonemusic: ${apiVersion}, type: '${commands.join("' | '")}'}; it ignored ${JSON.stringify(m).slice(0, 200)}`,
      });
      return;
    }
    app.commands = app.commands || [];
    if (app.commands.length < 16) app.commands.push(m.type);
  });

  // Events are the transitions of the state the app publishes
  // (game/state.go), read ten times a second (embed-events.js).
  const watchState = params.get('state') === '1';
  const changes = self.boneEmbedEvents.watcher();
  let ready = false;
  let loadError = '';
  setInterval(() => {
    if (app.error && app.error !== loadError) {
      loadError = app.error;
      send('error', { code: 'load-failed', message: app.error });
    }
    const s = app.state;
    if (!s || !app.firstFrameMS) return;
    if (!ready) {
      ready = true;
      const build = app.build || {};
      send('ready', { release: build.version || build.wasm || '', scene: s.scene, lang: s.lang, kiosk: s.kiosk });
    }
    for (const { type, ...detail } of changes(s)) send(type, detail);
    if (watchState) send('state', { state: Object.assign({ at: performance.now() }, s) });
  }, 100);
})();
