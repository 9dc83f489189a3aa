// The page's side of working offline (the worker is sw.js): register the
// worker for the release the page runs, learn when a newer release is out,
// and switch to a downloaded one only before the app starts, never under it.
'use strict';

self.boneOffline = (() => {
  const supported = () => 'serviceWorker' in navigator && /^https?:$/.test(location.protocol);

  // settle activates a release that finished downloading during an earlier
  // visit and reloads the page into it. It resolves (and the app starts)
  // when there is none; it never resolves when it reloads.
  async function settle() {
    if (!supported() || !navigator.serviceWorker.controller) return;
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg || !reg.waiting) return;
    const switched = await new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
      reg.waiting.postMessage({ bonemusic: 'activate' });
      setTimeout(() => resolve(false), 15000); // it did not take over: run what we have
    });
    if (switched) {
      location.reload();
      await new Promise(() => {});
    }
  }

  // keep registers the worker of the newest release the site serves, once
  // the app runs (its download must not compete with the app's own). The
  // browser installs a changed sw.js?v= beside the running one.
  async function keep(build) {
    if (!supported()) return;
    let latest = build;
    if (navigator.serviceWorker.controller) {
      try {
        const response = await fetch('build.json?latest=1', { cache: 'no-store' });
        if (response.ok) latest = await response.json();
      } catch (err) {
        // offline: the release we run is the newest we can know of
      }
    }
    try {
      await navigator.serviceWorker.register(`sw.js?v=${encodeURIComponent(self.boneRelease.version(latest))}`);
    } catch (err) {
      console.warn('Bone Music will not work offline:', err);
    }
  }

  return { settle, keep };
})();
