// The page's side of working offline (the worker is sw.js): register the
// worker, and once the app runs ask it to fetch the site's newest release
// for the next visit. The page itself keeps the release it started with.
'use strict';

self.boneOffline = (() => {
  const supported = () => 'serviceWorker' in navigator && /^https?:$/.test(location.protocol);

  // keep runs once the app has drawn its first frame: the download must not
  // compete with the app's own. The serving worker is asked to fetch the
  // newest release; on a first visit registering the worker downloads it.
  // A changed sw.js is found by the browser's own check (on a visit, at
  // most a day apart): releases do not need one.
  function keep() {
    if (!supported()) return;
    const worker = navigator.serviceWorker.controller;
    if (worker) worker.postMessage({ bonemusic: 'update' });
    // Not awaited before the message: a registration job of the browser's
    // can hold register() back for a minute.
    navigator.serviceWorker.register('sw.js').catch((err) => console.warn('Bone Music will not work offline:', err));
  }

  return { keep };
})();
