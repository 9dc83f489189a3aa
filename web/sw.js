// Bone Music's service worker: the app keeps working when a venue's Wi-Fi
// drops. One worker is one release: it is registered as sw.js?v=VERSION
// (offline.js), keeps every file of that release in the cache
// "bonemusic-VERSION", and serves the pages only from it, build.json
// included, so a page never mixes files of two releases. A new release is a
// new worker that fetches its complete set before it may take over; on
// taking over it deletes every older cache.
'use strict';

importScripts('release.js');

const cachePrefix = 'bonemusic-';
const version = new URL(self.location.href).searchParams.get('v') || '';
const cacheName = cachePrefix + version;

function siteURL(file) {
  return new URL(file, self.registration.scope).href;
}

// precache stores every file of the release. It fails as a whole when a file
// cannot be fetched, or when the site already serves another release than
// the one this worker was registered for: the browser then discards this
// worker and the page keeps what it had.
async function precache() {
  if (!version) throw new Error('sw.js must be registered as sw.js?v=VERSION');
  // no-cache: every file is revalidated with the site, never taken stale
  // from the browser's HTTP cache (an unchanged file costs a 304).
  const buildResponse = await fetch(siteURL('build.json'), { cache: 'no-cache' });
  if (!buildResponse.ok) throw new Error(`build.json answered ${buildResponse.status}`);
  const build = await buildResponse.clone().json();
  if (self.boneRelease.version(build) !== version) {
    throw new Error(`the site now serves release ${self.boneRelease.version(build)}, not ${version}`);
  }
  if (!servedNow()) await caches.delete(cacheName); // a half-filled cache from an earlier, failed install
  const cache = await caches.open(cacheName);
  const files = self.boneRelease.files(build).filter((f) => f !== 'build.json');
  await Promise.all(files.map(async (file) => {
    const response = await fetch(siteURL(file), { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${file} answered ${response.status}`);
    await cache.put(siteURL(file), response);
  }));
  // build.json last: a cache holding it is complete.
  await cache.put(siteURL('build.json'), buildResponse);
}

// servedNow reports whether the active worker serves this same release (a
// changed sw.js with no new release): its cache must not be emptied under it.
function servedNow() {
  const active = self.registration.active;
  return !!active && new URL(active.scriptURL).searchParams.get('v') === version;
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(async (err) => {
    if (!servedNow()) await caches.delete(cacheName);
    throw err;
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(cachePrefix) && name !== cacheName) await caches.delete(name);
    }
    // Take over the page that installed this worker (first visit): its
    // files are this release's.
    await self.clients.claim();
  })());
});

// A page starting up activates a waiting release before it loads anything
// of the old one (offline.js), then reloads.
self.addEventListener('message', (event) => {
  if (event.data && event.data.bonemusic === 'activate') event.waitUntil(self.skipWaiting());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  if (url.pathname.endsWith('/build.json') && url.searchParams.has('latest')) {
    event.respondWith(latestBuild(request));
    return;
  }
  event.respondWith(fromRelease(request, url));
});

// fromRelease answers from this release's cache; what it does not hold
// (another page of the site) comes from the network.
async function fromRelease(request, url) {
  const cache = await caches.open(cacheName);
  let hit;
  if (request.mode === 'navigate') {
    // embed.html?lang=ru&origins=… is embed.html; the site's folder is its index.
    const page = url.pathname.endsWith('/') ? siteURL('index.html') : url.origin + url.pathname;
    hit = await cache.match(page, { ignoreVary: true });
  } else {
    hit = await cache.match(request, { ignoreVary: true });
  }
  return hit || fetch(request);
}

// latestBuild is the release the site serves now (the page asks to learn
// whether a new one is out), or this worker's when the network is down.
async function latestBuild(request) {
  try {
    const response = await fetch(request, { cache: 'no-store' });
    if (response.ok) return response;
  } catch (err) {
    // offline: fall through
  }
  const cached = await (await caches.open(cacheName)).match(siteURL('build.json'), { ignoreVary: true });
  return cached || Response.error();
}
