// Runs web/shelf.js on fake-indexeddb as two tabs of one page (two copies
// of the script over one database) and checks the revision rule: a save
// over a revision another tab replaced or removed is refused inside its
// transaction and writes nothing. Prints "ok" or throws.
'use strict';
const vm = require('vm');
const fs = require('fs');
const { indexedDB, IDBKeyRange } = require('fake-indexeddb');

const source = fs.readFileSync(process.argv[2], 'utf8');
function tab() {
  const ctx = { indexedDB, IDBKeyRange, DOMException, Promise, Uint8Array, Number, String, navigator: {} };
  ctx.self = ctx;
  vm.runInNewContext(source, ctx);
  return ctx.bonemusicShelf;
}

async function refused(p, what) {
  try {
    await p;
  } catch (e) {
    if (e.name !== 'ConflictError') throw new Error(`${what}: ${e.name} ${e.message}, want ConflictError`);
    return;
  }
  throw new Error(`${what} was accepted`);
}

(async () => {
  const one = tab();
  const two = tab();
  const id = 'd00000000000000000001-000';
  const r1 = await one.put(id, new Uint8Array([1]), '');
  await refused(two.put(id, new Uint8Array([9]), ''), 'a second new save under one id');
  const seen = await two.get(id);
  if (seen.rev !== r1 || seen.bytes[0] !== 1) throw new Error(`tab two reads ${JSON.stringify(seen)}`);
  const r2 = await one.put(id, new Uint8Array([2]), r1);
  await refused(two.put(id, new Uint8Array([3]), r1), 'a save over a replaced revision');
  const now = await one.get(id);
  if (now.rev !== r2 || now.bytes[0] !== 2) throw new Error(`after the refusal the disc is ${JSON.stringify(now)}`);
  await one.remove(id);
  await refused(two.put(id, new Uint8Array([4]), r2), 'a save over a removed disc');
  if ((await one.list()).length !== 0) throw new Error('the refused save wrote a disc');
  // A record an older page saved (bare bytes) is revision "1".
  await new Promise((resolve, reject) => {
    const req = indexedDB.open('bonemusic', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction('discs', 'readwrite');
      tx.objectStore('discs').put(new Uint8Array([7]), id);
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
  const legacy = await two.get(id);
  if (legacy.rev !== '1' || legacy.bytes[0] !== 7) throw new Error(`an older page's record reads ${JSON.stringify(legacy)}`);
  if ((await two.put(id, new Uint8Array([8]), '1')) !== '2') throw new Error('a save over an older record');
  console.log('ok');
})().catch((e) => { console.error(e.message); process.exit(1); });
