// What one release of Bone Music is, read from build.json: shared by the
// pages (offline.js) and the service worker (sw.js), so both name a release
// the same way. build.json is {"version", "wasm", "size", "files"}; an older
// build.json has only wasm and size, and then the release is named after the
// wasm and its size, and its files are the pages' own list below.
'use strict';

self.boneRelease = (() => {
  // Every file the app needs to start and run offline, besides the wasm.
  const pageFiles = ['index.html', 'embed.html', 'style.css', 'release.js', 'offline.js', 'loader.js', 'embed-events.js', 'embed.js',
    'mic.js', 'mic-worklet.js', 'shelf.js', 'wasm_exec.js'];

  function version(build) {
    if (build && typeof build.version === 'string' && build.version) return build.version;
    return `${build.wasm}-${build.size}`;
  }

  // files is every file to keep for offline use, build.json first.
  function files(build) {
    const listed = Array.isArray(build.files) && build.files.length ? build.files : pageFiles;
    const all = ['build.json', ...listed, build.wasm].filter((f) => typeof f === 'string' && f && f !== 'sw.js');
    return [...new Set(all)];
  }

  return { version, files };
})();
