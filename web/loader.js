// Loads bonemusic.wasm with a progress bar, starts it, and hides the loader
// once the game has drawn its first frame. No inline script: the page runs
// under a strict Content-Security-Policy.
'use strict';

(() => {
  const progress = document.getElementById('progress');
  const status = document.getElementById('status');
  const retry = document.getElementById('retry');
  // The Go side publishes its state here (game/publish_js.go).
  const app = (window.bonemusic = window.bonemusic || {});

  function fail(message) {
    status.textContent = message;
    status.classList.add('error');
    progress.hidden = true;
    retry.hidden = false;
    app.error = message;
  }
  retry.addEventListener('click', () => location.reload());

  // Taps for the game (game/taps_js.go takes them each tick), in CSS pixels.
  // A quick click can start and end between two of the game's ticks, which
  // polling would miss; the visitor's first tap must never be lost.
  app.taps = [];
  document.addEventListener('pointerup', (e) => {
    if (document.body.classList.contains('running') && app.taps.length < 64) {
      app.taps.push([e.clientX, e.clientY]);
    }
  }, { passive: true, capture: true });

  // Download with progress. build.json (written by `make wasm`) gives the
  // uncompressed size: Content-Length is the compressed size when the server
  // sends bonemusic.wasm.br or .gz, but the stream yields decompressed bytes.
  async function download(url, size) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
    if (!response.body || !size) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      progress.value = Math.min(received / size, 1);
      status.textContent = `Loading… ${Math.round(progress.value * 100)} %`;
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    return bytes;
  }

  // What the app says (state.say: the notice, else what the screen shows)
  // goes to a polite live region, for screen readers.
  function announce() {
    const region = document.getElementById('announce');
    let last = '';
    setInterval(() => {
      const say = app.state && app.state.say;
      if (region && say && say !== last) {
        last = say;
        region.textContent = say;
      }
    }, 500);
  }

  // waitForFirstFrame shows the app once it has drawn, then calls running.
  function waitForFirstFrame(running) {
    const tick = () => {
      const state = app.state;
      if (state && state.frames > 0) {
        app.firstFrameMS = performance.now();
        document.body.classList.add('running');
        // The canvas is the whole app: name it for assistive technology,
        // which hears the rest through the live region.
        const canvas = document.querySelector('canvas');
        if (canvas) {
          canvas.setAttribute('role', 'application');
          canvas.setAttribute('aria-label', 'Bone Music: press H or ? for the keys');
        }
        announce();
        running();
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  async function start() {
    if (typeof WebAssembly !== 'object' || typeof Go !== 'function') {
      fail('This browser cannot run WebAssembly. Please try a current Firefox, Chrome, Edge or Safari.');
      return;
    }
    try {
      const build = await (await fetch('build.json', { cache: 'no-cache' })).json();
      app.build = build;
      const bytes = await download(build.wasm, build.size);
      status.textContent = 'Starting…';
      const go = new Go();
      const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
      waitForFirstFrame(() => self.boneOffline && self.boneOffline.keep());
      await go.run(instance);
      // go.run only returns when the program has exited.
      document.body.classList.remove('running');
      fail('Bone Music stopped. Reload the page to start again.');
    } catch (err) {
      console.error(err);
      fail(`Bone Music could not load: ${err.message || err}`);
    }
  }

  start();
})();
