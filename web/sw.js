// Bone Music's service worker: the app keeps working when a venue's Wi-Fi
// drops. It keeps each release whole in its own cache, "bonemusic-VERSION"
// (a cache holding build.json is complete: it is stored last), and pins
// every page to the release it started with: a page never mixes files of
// two releases, and no page has to reload to change release. A page opened
// later gets the newest complete release.
//
// One worker serves every release, so a new release needs no new worker.
// That matters: asked to hand over while a page is open, Chromium stops the
// old worker at once, but one fetch arriving just then starts it again, and
// the hand-over then waits until the page leaves, when a visit arriving
// during it can hang. An earlier design that switched workers on a release
// hung in half its test runs.
'use strict';

importScripts('release.js');

const releasePrefix = 'bonemusic-';
// The worker's own notes, kept across its restarts: which release is the
// newest complete one ("current"), and which release each page runs
// ("page/ID"). Its name is outside releasePrefix.
const notesCache = 'bonemusic:notes';

function siteURL(file) {
  return new URL(file, self.registration.scope).href;
}

// --- notes ---------------------------------------------------------------

const pinned = new Map(); // page (client) id → release, mirrored in notesCache

async function readNote(key) {
  const hit = await (await caches.open(notesCache)).match(siteURL(`.notes/${key}`));
  return hit ? hit.text() : '';
}

async function writeNote(key, value) {
  await (await caches.open(notesCache)).put(siteURL(`.notes/${key}`), new Response(value));
}

async function releaseOfPage(id) {
  if (!id) return '';
  if (pinned.has(id)) return pinned.get(id);
  const version = await readNote(`page/${encodeURIComponent(id)}`);
  if (version) pinned.set(id, version); // tidy forgets it with its note
  return version;
}

async function pin(id, version) {
  if (!id) return;
  pinned.set(id, version);
  await writeNote(`page/${encodeURIComponent(id)}`, version);
}

// --- releases ------------------------------------------------------------

// fromRelease is a release's copy of a file, or undefined. It never opens
// the cache: opening would create it again after tidy deleted it.
function fromRelease(version, request) {
  return caches.match(request, { cacheName: releasePrefix + version, ignoreVary: true });
}

async function isComplete(version) {
  return !!version && !!(await fromRelease(version, siteURL('build.json')));
}

// download stores the release the site serves now, whole, and makes it
// current. It fails as a whole when a file cannot be fetched; the cache it
// began is then removed by tidy. Concurrent calls share one download.
let downloading = null;
let downloadingVersion = ''; // kept by tidy while its cache fills

function download() {
  if (!downloading) downloading = fetchRelease().finally(() => { downloading = null; downloadingVersion = ''; });
  return downloading;
}

async function fetchRelease() {
  // no-cache: every file is revalidated with the site, never taken stale
  // from the browser's HTTP cache (an unchanged file costs a 304).
  const buildResponse = await fetch(siteURL('build.json'), { cache: 'no-cache' });
  if (!buildResponse.ok) throw new Error(`build.json answered ${buildResponse.status}`);
  const build = await buildResponse.clone().json();
  const version = self.boneRelease.version(build);
  downloadingVersion = version;
  if (!(await isComplete(version))) {
    await caches.delete(releasePrefix + version); // a half-filled cache from an earlier, failed try
    const cache = await caches.open(releasePrefix + version);
    const files = self.boneRelease.files(build).filter((f) => f !== 'build.json');
    await Promise.all(files.map(async (file) => {
      const response = await fetch(siteURL(file), { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${file} answered ${response.status}`);
      await cache.put(siteURL(file), response);
    }));
    await cache.put(siteURL('build.json'), buildResponse); // last: the cache is complete
  }
  await writeNote('current', version);
  return version;
}

// currentRelease is the newest complete release, or '' before the first
// download finished.
async function currentRelease() {
  const version = await readNote('current');
  return (await isComplete(version)) ? version : '';
}

// tidy deletes every release no open page runs, except the current one and
// one being downloaded, and forgets the pages that have closed.
async function tidy() {
  const open = new Set((await self.clients.matchAll({ includeUncontrolled: true, type: 'all' })).map((c) => c.id));
  const keep = new Set([await currentRelease(), downloadingVersion]);
  const notes = await caches.open(notesCache);
  for (const request of await notes.keys()) {
    const key = new URL(request.url).pathname.split('/.notes/page/')[1];
    if (key === undefined) continue;
    const id = decodeURIComponent(key);
    if (open.has(id)) {
      keep.add(await (await notes.match(request)).text());
    } else {
      pinned.delete(id);
      await notes.delete(request);
    }
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(releasePrefix) && !keep.has(name.slice(releasePrefix.length))) await caches.delete(name);
  }
}

// --- events --------------------------------------------------------------

self.addEventListener('install', (event) => {
  // The first visit's worker must hold a release before it serves; a
  // changed sw.js finds the release already complete. Taking over at once
  // is safe: every version of this worker pins pages the same way.
  event.waitUntil(download().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // Serve the page that installed the worker (first visit) from now on.
  event.waitUntil(self.clients.claim().then(tidy));
});

// A running page asks for the site's newest release, for its next visit.
self.addEventListener('message', (event) => {
  if (event.data && event.data.bonemusic === 'update') {
    event.waitUntil(download().catch(() => {}).then(tidy)); // offline: keep what we have
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith(request.mode === 'navigate' ? openPage(event, url) : fromPageRelease(event));
});

// openPage starts a page on the current release and pins it there.
async function openPage(event, url) {
  const version = await currentRelease();
  if (version) {
    // embed.html?lang=ru&origins=… is embed.html; the site's folder is its index.
    const page = url.pathname.endsWith('/') ? siteURL('index.html') : url.origin + url.pathname;
    const hit = await fromRelease(version, page);
    if (hit) {
      await pin(event.resultingClientId, version);
      return hit;
    }
  }
  return fetch(event.request); // another page of the site
}

// fromPageRelease answers a page's request from the release it runs (the
// current one for a page opened before this worker served it); what that
// release does not hold comes from the network.
async function fromPageRelease(event) {
  const version = (await releaseOfPage(event.clientId)) || (await currentRelease());
  if (version) {
    const hit = await fromRelease(version, event.request);
    if (hit) return hit;
  }
  return fetch(event.request);
}
