// The pre-call lobby: camera preview, microphone level meter, device pickers, mic and
// camera toggles that carry into the call, and the Join button of the join window.
// Plain getUserMedia + Web Audio: livekit-client is not loaded here.
import { fillDeviceSelect, setPressed, show } from "./shared/dom.js";
import { loadMediaPrefs, saveMediaPrefs } from "./shared/prefs.js";
import { readStrings } from "./shared/strings.js";
import { MINUTES_SHOWN_BELOW_MS, joinPhase, parseInstant, relativeTime, serverClock } from "./shared/time.js";

const PROBLEM_FOR_ERROR = {
  NotAllowedError: "permissionDenied",
  SecurityError: "permissionDenied",
  NotFoundError: "noDevices",
  OverconstrainedError: "noDevices",
  NotReadableError: "deviceInUse",
  AbortError: "deviceInUse",
};

function problemFor(error) {
  return PROBLEM_FOR_ERROR[error && error.name] || "mediaFailed";
}

function constraint(deviceId) {
  return deviceId ? { deviceId } : true;
}

class LobbyMedia {
  constructor(root, t, prefs) {
    this.t = t;
    this.prefs = prefs;
    this.video = root.querySelector("[data-preview]");
    this.videoOff = root.querySelector("[data-preview-off]");
    this.meter = root.querySelector("[data-mic-level]");
    this.micToggle = root.querySelector('[data-toggle="mic"]');
    this.cameraToggle = root.querySelector('[data-toggle="camera"]');
    this.selects = {
      audioinput: root.querySelector('[data-device-select="audioinput"]'),
      videoinput: root.querySelector('[data-device-select="videoinput"]'),
    };
    this.problem = root.querySelector("[data-media-problem]");
    this.problemText = root.querySelector("[data-media-problem-text]");
    this.audioTrack = null;
    this.videoTrack = null;
    this.stopMeter = () => {};
  }

  bind() {
    this.micToggle.addEventListener("click", () => this.setMicEnabled(!this.prefs.micEnabled));
    this.cameraToggle.addEventListener("click", () => this.setCameraEnabled(!this.prefs.cameraEnabled));
    this.selects.audioinput.addEventListener("change", (event) => this.chooseMicrophone(event.target.value));
    this.selects.videoinput.addEventListener("change", (event) => this.chooseCamera(event.target.value));
    this.problem.querySelector("[data-media-retry]").addEventListener("click", () => this.start());
    if (navigator.mediaDevices) {
      navigator.mediaDevices.addEventListener("devicechange", () => this.refreshDevices());
    }
    setPressed(this.micToggle, this.prefs.micEnabled);
    setPressed(this.cameraToggle, this.prefs.cameraEnabled);
  }

  async start() {
    this.report(null);
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      this.report("insecure");
      return;
    }
    let kinds;
    try {
      // Before permission is granted the list has no labels, but it does say which kinds exist.
      kinds = new Set((await navigator.mediaDevices.enumerateDevices()).map((device) => device.kind));
      if (!kinds.has("audioinput") && !kinds.has("videoinput")) {
        this.report("noDevices");
        return;
      }
      const audio = kinds.has("audioinput") && constraint(this.prefs.audioDeviceId);
      const video = kinds.has("videoinput") && this.prefs.cameraEnabled && constraint(this.prefs.videoDeviceId);
      if (audio || video) {
        const stream = await navigator.mediaDevices.getUserMedia({ audio, video });
        stream.getAudioTracks().forEach((track) => this.useAudioTrack(track));
        stream.getVideoTracks().forEach((track) => this.useVideoTrack(track));
      }
    } catch (error) {
      this.report(problemFor(error));
      return;
    }
    if (!kinds.has("videoinput")) {
      this.report("noCamera");
    } else if (!kinds.has("audioinput")) {
      this.report("noMicrophone");
    }
    this.showCameraState();
    await this.refreshDevices();
  }

  useAudioTrack(track) {
    if (this.audioTrack) {
      this.audioTrack.stop();
    }
    this.audioTrack = track;
    track.enabled = this.prefs.micEnabled;
    this.prefs.audioDeviceId = track.getSettings().deviceId || this.prefs.audioDeviceId;
    this.startMeter(track);
  }

  useVideoTrack(track) {
    if (this.videoTrack) {
      this.videoTrack.stop();
    }
    this.videoTrack = track;
    this.prefs.videoDeviceId = track.getSettings().deviceId || this.prefs.videoDeviceId;
    this.video.srcObject = new MediaStream([track]);
    this.showCameraState();
  }

  async openTrack(kind) {
    const deviceId = kind === "audio" ? this.prefs.audioDeviceId : this.prefs.videoDeviceId;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraint(deviceId) });
      this.report(null);
      return kind === "audio" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    } catch (error) {
      this.report(problemFor(error));
      return null;
    }
  }

  setMicEnabled(enabled) {
    this.prefs.micEnabled = enabled;
    if (this.audioTrack) {
      this.audioTrack.enabled = enabled;
    }
    setPressed(this.micToggle, enabled);
    saveMediaPrefs(this.prefs);
  }

  async setCameraEnabled(enabled) {
    this.prefs.cameraEnabled = enabled;
    setPressed(this.cameraToggle, enabled);
    saveMediaPrefs(this.prefs);
    if (!enabled) {
      // Stopping the track (not just muting it) turns the camera light off.
      this.stopVideo();
    } else if (!this.videoTrack) {
      const track = await this.openTrack("video");
      if (track) {
        this.useVideoTrack(track);
      }
    }
    this.showCameraState();
  }

  async chooseMicrophone(deviceId) {
    this.prefs.audioDeviceId = deviceId;
    saveMediaPrefs(this.prefs);
    const track = await this.openTrack("audio");
    if (track) {
      this.useAudioTrack(track);
    }
  }

  async chooseCamera(deviceId) {
    this.prefs.videoDeviceId = deviceId;
    saveMediaPrefs(this.prefs);
    if (!this.prefs.cameraEnabled) {
      return;
    }
    // Some systems cannot open two cameras at once: release the old one first.
    this.stopVideo();
    const track = await this.openTrack("video");
    if (track) {
      this.useVideoTrack(track);
    }
  }

  async refreshDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const unnamed = (kind) => (index) => this.t(kind === "audioinput" ? "unnamedMicrophone" : "unnamedCamera", { n: index });
    for (const kind of ["audioinput", "videoinput"]) {
      const selected = kind === "audioinput" ? this.prefs.audioDeviceId : this.prefs.videoDeviceId;
      const ofKind = devices.filter((device) => device.kind === kind && device.deviceId);
      fillDeviceSelect(this.selects[kind], ofKind, selected, unnamed(kind));
    }
  }

  startMeter(track) {
    this.stopMeter();
    const context = new (window.AudioContext || window.webkitAudioContext)();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
      // Square root: quiet speech still moves the bar visibly.
      this.meter.value = Math.min(1, Math.sqrt(rms) * 1.5);
      frame = window.requestAnimationFrame(draw);
    };
    draw();
    // Browsers may start audio suspended until the person interacts with the page.
    const resume = () => context.resume();
    if (context.state === "suspended") {
      context.resume();
      document.addEventListener("pointerdown", resume, { once: true });
      document.addEventListener("keydown", resume, { once: true });
    }
    this.stopMeter = () => {
      window.cancelAnimationFrame(frame);
      context.close();
      this.meter.value = 0;
    };
  }

  stopVideo() {
    if (this.videoTrack) {
      this.videoTrack.stop();
      this.videoTrack = null;
    }
    this.video.srcObject = null;
  }

  showCameraState() {
    show(this.video, Boolean(this.videoTrack));
    show(this.videoOff, !this.videoTrack);
  }

  report(problem) {
    show(this.problem, Boolean(problem));
    this.problemText.textContent = problem ? this.t(problem) : "";
  }

  release() {
    this.stopMeter();
    this.stopVideo();
    if (this.audioTrack) {
      this.audioTrack.stop();
    }
  }
}

class JoinWindow {
  constructor(root, t) {
    this.t = t;
    this.now = serverClock(root.dataset.serverNow);
    this.opensAt = parseInstant(root.dataset.joinOpensAt);
    this.startsAt = parseInstant(root.dataset.startsAt);
    this.endsAt = parseInstant(root.dataset.endsAt);
    this.countdown = root.querySelector("[data-countdown]");
    this.status = root.querySelector("[data-join-status]");
    this.join = root.querySelector("[data-join]");
    this.phase = "";
  }

  update() {
    const now = this.now();
    const phase = joinPhase(now, this.opensAt, this.endsAt);
    this.join.disabled = phase !== "open";
    this.countdown.textContent = this.describe(now, phase);
    if (phase !== this.phase) {
      // Only the change of phase goes to the live region; the ticking countdown does not.
      this.phase = phase;
      this.status.textContent = this.t(`phase_${phase}`);
    }
  }

  describe(now, phase) {
    if (phase === "over") {
      return this.t("callOver");
    }
    if (now >= this.startsAt) {
      return this.t("callStarted", { when: relativeTime(this.startsAt - now) });
    }
    const startsIn = this.t("startsIn", { when: relativeTime(this.startsAt - now) });
    // Hours or days ahead, "starts in 4 days. You can join in 4 days." says the same thing
    // twice (the phase line already says joining opens 10 minutes before); in minutes the
    // two times differ and both help.
    const opensSoon = this.opensAt - now < MINUTES_SHOWN_BELOW_MS;
    return phase === "before" && opensSoon
      ? `${startsIn} ${this.t("joinOpens", { when: relativeTime(this.opensAt - now) })}`
      : startsIn;
  }
}

function startLobby(root) {
  const t = readStrings(root);
  const prefs = loadMediaPrefs();
  const media = new LobbyMedia(root, t, prefs);
  const joinWindow = new JoinWindow(root, t);
  media.bind();
  joinWindow.update();
  window.setInterval(() => joinWindow.update(), 1000);
  joinWindow.join.addEventListener("click", () => {
    joinWindow.update();
    if (joinWindow.join.disabled) {
      return;
    }
    saveMediaPrefs(prefs);
    media.release();
    window.location.assign(root.dataset.callUrl);
  });
  media.start();
}

const lobbyRoot = document.querySelector("[data-lobby]");
if (lobbyRoot) {
  startLobby(lobbyRoot);
}
