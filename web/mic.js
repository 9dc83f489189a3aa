// Microphone capture for Bone Music: getUserMedia → an AudioWorklet
// (mic-worklet.js) → blocks of float samples queued here until the Go side
// (game/mic_js.go) takes them. No inline script, nothing from elsewhere.
'use strict';

(() => {
  const app = (window.bonemusic = window.bonemusic || {});
  // allowedHere is false when the page embedding the app left the
  // microphone out of its iframe's allow=: then the visitor cannot change
  // it in site settings, and is told to choose a file or a tune. (Only
  // Chromium says; elsewhere a refusal reads as the visitor's.)
  function allowedHere() {
    const policy = document.featurePolicy || document.permissionsPolicy;
    return !(window.parent !== window && policy && typeof policy.allowsFeature === 'function' && !policy.allowsFeature('microphone'));
  }

  const mic = {
    status: 'idle', // idle, asking, on, denied, not-here, missing, failed
    error: '',
    rate: 0,
    devices: [], // [{id, label}] once permission is given
    device: '', // deviceId chosen, '' for the default
    queue: [],
    ctx: null,
    stream: null,
    node: null,

    async start() {
      if (this.status === 'asking' || this.status === 'on') return;
      this.status = 'asking';
      this.error = '';
      this.queue = [];
      try {
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
          throw Object.assign(new Error('This browser has no microphone access (it needs https or localhost).'), { name: 'NotSupportedError' });
        }
        if (!allowedHere()) {
          // Asked anyway, browsers answer in their own ways (Chromium: "no device").
          throw Object.assign(new Error('The page embedding Bone Music does not allow the microphone.'), { name: 'NotAllowedError' });
        }
        const audio = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
        if (this.device) audio.deviceId = { exact: this.device };
        this.stream = await navigator.mediaDevices.getUserMedia({ audio });
        this.ctx = new AudioContext();
        await this.ctx.audioWorklet.addModule('mic-worklet.js');
        const source = this.ctx.createMediaStreamSource(this.stream);
        this.node = new AudioWorkletNode(this.ctx, 'bonemusic-capture');
        this.node.port.onmessage = (e) => {
          // A hidden tab stops the game from taking: keep at most a minute.
          if (this.queue.length < (60 * this.ctx.sampleRate) / 2048) this.queue.push(e.data);
        };
        source.connect(this.node);
        await this.ctx.resume();
        this.rate = this.ctx.sampleRate;
        this.status = 'on';
        await this.listDevices();
      } catch (err) {
        this.stop();
        const name = err && err.name;
        this.status = name === 'NotAllowedError' || name === 'SecurityError' ? (allowedHere() ? 'denied' : 'not-here')
          : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'failed';
        this.error = (err && err.message) || String(err);
      }
    },

    async listDevices() {
      const all = await navigator.mediaDevices.enumerateDevices();
      this.devices = all.filter((d) => d.kind === 'audioinput')
        .map((d, i) => ({ id: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
    },

    stop() {
      if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
      if (this.ctx) this.ctx.close();
      this.stream = this.ctx = this.node = null;
      if (this.status === 'on' || this.status === 'asking') this.status = 'idle';
    },

    // take returns everything captured since the last call as one array.
    take() {
      const n = this.queue.reduce((s, b) => s + b.length, 0);
      const out = new Float32Array(n);
      let at = 0;
      for (const b of this.queue) { out.set(b, at); at += b.length; }
      this.queue = [];
      return out;
    },
  };
  app.mic = mic;
})();
