// The visitor's collection of discs in IndexedDB, for the Go side
// (internal/shelf): each disc a record {bytes, rev} under its id (records
// of older pages are bare bytes, revision "1"), every put and remove one
// transaction, so a tab closed mid-save leaves the old disc or the new one.
// A put names the revision it replaces and checks it inside its own
// readwrite transaction: when another tab saved or removed the disc
// meanwhile, it writes nothing and rejects with a ConflictError.
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

  // run does work(store, result, refuse) in a transaction of its own and
  // resolves with what work passed to result once the transaction has
  // committed; refuse aborts the transaction (nothing is written) and
  // rejects with the reason given.
  function run(mode, work) {
    return db().then((d) => new Promise((resolve, reject) => {
      const tx = d.transaction(STORE, mode, { durability: 'strict' });
      let result;
      let refusal = null;
      work(tx.objectStore(STORE), (r) => { result = r; }, (e) => { refusal = e; tx.abort(); });
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(refusal || tx.error);
      tx.onabort = () => reject(refusal || tx.error || new DOMException('the save was interrupted', 'AbortError'));
    }));
  }

  // one is work of a single request, resolving with its result.
  const one = (request) => (s, result) => {
    const req = request(s);
    req.onsuccess = () => result(req.result);
  };

  const revOf = (rec) => (rec === undefined ? '' : rec instanceof Uint8Array ? '1' : String(rec.rev));

  let askedToPersist = false;
  self.bonemusicShelf = {
    list: () => run('readonly', one((s) => s.getAllKeys())).then((keys) => keys.map(String).sort()),
    get: (id) => run('readonly', one((s) => s.get(id))).then((rec) => (rec === undefined ? undefined
      : { bytes: rec instanceof Uint8Array ? rec : rec.bytes, rev: revOf(rec) })),
    // put saves bytes over revision base ('' for a disc not saved yet) and
    // resolves with the new revision.
    put: (id, bytes, base) => {
      // Ask once that the browser keep the collection when space runs low.
      if (!askedToPersist && navigator.storage && navigator.storage.persist) {
        askedToPersist = true;
        navigator.storage.persist().catch(() => {});
      }
      return run('readwrite', (s, result, refuse) => {
        const req = s.get(id);
        req.onsuccess = () => {
          const cur = revOf(req.result);
          if (cur !== base) {
            refuse(new DOMException('the disc was saved or removed in another tab', 'ConflictError'));
            return;
          }
          const rev = String((Number(cur) || 0) + 1);
          s.put({ bytes, rev }, id).onsuccess = () => result(rev);
        };
      });
    },
    remove: (id) => run('readwrite', one((s) => s.delete(id))),
  };
})();
