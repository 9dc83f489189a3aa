// The visitor's collection of discs in IndexedDB, for the Go side
// (internal/shelf): discs as bytes under ids, every put and remove one
// transaction, so a tab closed mid-save leaves the old disc or the new one.
'use strict';

(() => {
  const DB = 'bonemusic';
  const STORE = 'discs';
  let opening = null;

  function db() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        if (!self.indexedDB) {
          reject(new DOMException('IndexedDB is not available', 'InvalidStateError'));
          return;
        }
        const req = indexedDB.open(DB, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(STORE);
        req.onsuccess = () => {
          const d = req.result;
          d.onversionchange = () => { d.close(); opening = null; }; // a newer page upgrades
          d.onclose = () => { opening = null; };
          resolve(d);
        };
        req.onerror = () => { opening = null; reject(req.error); };
        req.onblocked = () => { opening = null; reject(new DOMException('another tab holds an older collection', 'InvalidStateError')); };
      });
    }
    return opening;
  }

  // run does one request in a transaction of its own and resolves with its
  // result once the transaction has committed.
  function run(mode, request) {
    return db().then((d) => new Promise((resolve, reject) => {
      const tx = d.transaction(STORE, mode, { durability: 'strict' });
      let result;
      const req = request(tx.objectStore(STORE));
      req.onsuccess = () => { result = req.result; };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error || req.error);
      tx.onabort = () => reject(tx.error || new DOMException('the save was interrupted', 'AbortError'));
    }));
  }

  let askedToPersist = false;
  self.bonemusicShelf = {
    list: () => run('readonly', (s) => s.getAllKeys()).then((keys) => keys.map(String).sort()),
    get: (id) => run('readonly', (s) => s.get(id)),
    put: (id, bytes) => {
      // Ask once that the browser keep the collection when space runs low.
      if (!askedToPersist && navigator.storage && navigator.storage.persist) {
        askedToPersist = true;
        navigator.storage.persist().catch(() => {});
      }
      return run('readwrite', (s) => s.put(bytes, id));
    },
    remove: (id) => run('readwrite', (s) => s.delete(id)),
  };
})();
