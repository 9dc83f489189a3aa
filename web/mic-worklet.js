// AudioWorklet that hands the microphone's samples to the page in blocks of
// 2048 (about 43 ms at 48 kHz): fewer, larger messages than one per
// 128-frame render quantum. Loaded by mic.js from our own origin, so the
// Content-Security-Policy needs nothing new.
'use strict';

class BoneMusicCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Float32Array(2048);
    this.fill = 0;
  }

  process(inputs) {
    const channels = inputs[0];
    if (channels && channels.length > 0) {
      const n = channels[0].length;
      for (let i = 0; i < n; i++) {
        // Mix every channel the device gives down to mono.
        let v = 0;
        for (const ch of channels) v += ch[i];
        this.block[this.fill++] = v / channels.length;
        if (this.fill === this.block.length) {
          this.port.postMessage(this.block);
          this.block = new Float32Array(2048);
          this.fill = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor('bonemusic-capture', BoneMusicCapture);
