// Which events of the embed API (docs/museum.md) a change of the app's
// published state makes. Pure — no page, no messages — so it is tested
// under Node (embed_events_test.go); embed.js sends what it returns.
'use strict';

self.boneEmbedEvents = (() => {
  // watcher returns a function that takes each new state (game/state.go's
  // fields) and returns the events since the state before.
  function watcher() {
    let last = null;
    let playing = false; // a play-started was sent, its play-ended not yet
    let ended = false; // a play ended: its fidelity is published a tick later, so say it on the next look
    return (s) => {
      const events = [];
      if (ended) {
        ended = false;
        events.push({ type: 'play-ended', plays: s.plays, fidelityDB: s.fidelityDB, skips: s.skips, scene: s.scene });
      }
      if (last) {
        if (s.arm === 'playing' && last.arm !== 'playing') {
          playing = true;
          events.push({ type: 'play-started', plays: s.plays, pickup: s.pickup, scene: s.scene });
        }
        if (playing && s.plays > last.plays) {
          playing = false;
          ended = true;
        }
        if ((last.scene === 'cut' && s.scene === 'turntable') || (s.lathePhase === 'finished' && last.lathePhase !== 'finished')) {
          events.push({ type: 'cut-finished', film: s.film, source: s.source, seconds: s.recordedSec, lathe: s.scene === 'lathe' });
        }
        if (s.notice && s.notice !== last.notice) events.push({ type: 'error', code: 'notice', message: s.notice });
      }
      last = { arm: s.arm, plays: s.plays, scene: s.scene, lathePhase: s.lathePhase, notice: s.notice };
      return events;
    };
  }

  return { watcher };
})();
