// The call page: connects to LiveKit with a token from our API and shows the call.
// Whatever fails, the page says so calmly and offers the next step: an outage is retried
// with backoff (and a "Retry now" button), an expired token asks for a reload.
import {
  ConnectionQuality,
  DisconnectReason,
  LogLevel,
  Room,
  RoomEvent,
  Track,
  VideoPresets,
  setLogLevel,
} from "livekit-client";

import { Chat } from "./call/chat.js";
import { Backoff, failureKind, fetchCallToken } from "./call/connection.js";
import { DevicePickers } from "./call/devices.js";
import { EndCall } from "./call/ending.js";
import { LocalMedia } from "./call/media.js";
import { RemoteTiles, displayName } from "./call/tiles.js";
import { CallWindow } from "./call/window.js";
import { show } from "./shared/dom.js";
import { loadMediaPrefs } from "./shared/prefs.js";
import { readStrings } from "./shared/strings.js";
import { relativeTime } from "./shared/time.js";

// livekit-client logs every failed attempt at "info"; the page itself tells the story.
setLogLevel(LogLevel.warn);

const VIEWS = ["connecting", "early", "stage", "unavailable", "problem", "finished"];

class CallPage {
  constructor(root) {
    const q = (selector) => root.querySelector(selector);
    this.root = root;
    this.t = readStrings(root);
    this.prefs = loadMediaPrefs();
    this.backoff = new Backoff();
    this.joinWindow = new CallWindow(root.dataset);
    this.room = null;
    this.liveRoom = null;
    this.timers = [];
    this.unread = 0;
    this.el = {
      state: q("[data-connection-state]"),
      quality: q("[data-quality]"),
      reconnecting: q("[data-reconnecting]"),
      retryCountdown: q("[data-retry-countdown]"),
      opensCountdown: q("[data-opens-countdown]"),
      problemText: q("[data-problem-text]"),
      reload: q("[data-reload]"),
      finishedText: q("[data-finished-text]"),
      rejoin: q("[data-rejoin]"),
      waiting: q("[data-waiting]"),
      notice: q("[data-notice]"),
      startAudio: q("[data-start-audio]"),
      chatToggle: q("[data-chat-toggle]"),
      chatPanel: q("[data-chat]"),
      unread: q("[data-unread]"),
    };
    this.views = Object.fromEntries(VIEWS.map((name) => [name, q(`[data-view="${name}"]`)]));
    this.tiles = new RemoteTiles({ container: q("[data-tiles]"), audioSink: q("[data-audio-sink]"), t: this.t });
    this.chat = new Chat({ root, t: this.t, onMessage: () => this.countUnread() });
    this.media = new LocalMedia({ root, t: this.t, prefs: this.prefs, room: () => this.room });
    this.devices = new DevicePickers({ root, t: this.t, prefs: this.prefs, onError: (e) => this.media.reportMedia(e) });
    this.ending = new EndCall({ root, t: this.t, notify: (text) => this.notify(text), onEnded: () => this.ended() });
    this.bindControls(q);
  }

  bindControls(q) {
    const click = (selector, handler) => q(selector).addEventListener("click", handler);
    click("[data-retry-now]", () => this.start());
    click("[data-reload]", () => window.location.reload());
    click("[data-rejoin]", () => this.start());
    click("[data-chat-toggle]", () => this.toggleChat());
    click("[data-start-audio]", () => this.room && this.room.startAudio());
    click("[data-leave]", () => this.leave());
  }

  // Every way into the room goes through here: a token is asked for only inside the join
  // window, where the API grants one (outside it the answer is a 409 and a console error).
  start() {
    const phase = this.joinWindow.phase();
    if (phase === "before") {
      this.waitForWindow();
    } else if (phase === "over") {
      this.showProblem(this.t("callOver"), { reload: false });
    } else {
      this.connect();
    }
  }

  waitForWindow() {
    this.clearTimers();
    this.showView("early");
    this.setState(this.t("state_notOpen"));
    const tick = () => {
      if (this.joinWindow.phase() !== "before") {
        this.start();
        return;
      }
      const when = relativeTime(this.joinWindow.millisecondsUntilOpen());
      this.el.opensCountdown.textContent = this.t("opensIn", { when });
    };
    tick();
    this.timers.push(window.setInterval(tick, 1000));
  }

  async connect() {
    this.clearTimers();
    this.showView("connecting");
    this.setState(this.t("state_connecting"));
    const room = this.createRoom();
    try {
      const grant = await fetchCallToken(this.root.dataset.tokenUrl);
      if (room !== this.room) {
        return;
      }
      await room.connect(grant.url, grant.token);
    } catch (error) {
      if (room === this.room) {
        this.failed(error);
      }
      return;
    }
    if (room === this.room) {
      await this.joined(room);
    }
  }

  createRoom() {
    const deviceId = (id) => id || undefined;
    const room = new Room({
      adaptiveStream: true,
      dynacast: true,
      audioCaptureDefaults: { deviceId: deviceId(this.prefs.audioDeviceId) },
      videoCaptureDefaults: { deviceId: deviceId(this.prefs.videoDeviceId), resolution: VideoPresets.h720.resolution },
      audioOutput: { deviceId: deviceId(this.prefs.audioOutputId) },
    });
    // Events of a room we gave up on (failed or left) must not touch the page.
    const on = (event, handler) => room.on(event, (...args) => room === this.room && handler(...args));
    on(RoomEvent.ConnectionStateChanged, (state) => this.setState(this.t(`state_${state}`)));
    on(RoomEvent.Reconnecting, () => show(this.el.reconnecting));
    on(RoomEvent.SignalReconnecting, () => show(this.el.reconnecting));
    on(RoomEvent.Reconnected, () => show(this.el.reconnecting, false));
    // A failed connect() also ends in Disconnected; only a call that was live is "lost".
    on(RoomEvent.Disconnected, (reason) => room === this.liveRoom && this.disconnected(reason));
    on(RoomEvent.ParticipantConnected, (participant) => this.participantJoined(participant));
    on(RoomEvent.ParticipantDisconnected, (participant) => this.participantLeft(participant));
    on(RoomEvent.TrackSubscribed, (track, publication, participant) => this.tiles.attach(track, participant));
    on(RoomEvent.TrackUnsubscribed, (track, publication, participant) => this.tiles.detach(track, participant));
    on(RoomEvent.TrackMuted, (publication, participant) => this.trackMuted(publication, participant, true));
    on(RoomEvent.TrackUnmuted, (publication, participant) => this.trackMuted(publication, participant, false));
    on(RoomEvent.LocalTrackPublished, () => this.media.showLocal());
    on(RoomEvent.LocalTrackUnpublished, () => this.media.showLocal());
    on(RoomEvent.ConnectionQualityChanged, (quality, participant) => participant.isLocal && this.showQuality(quality));
    on(RoomEvent.MediaDevicesError, (error) => this.media.reportMedia(error));
    on(RoomEvent.MediaDevicesChanged, () => this.devices.refresh());
    on(RoomEvent.ActiveDeviceChanged, () => this.devices.refresh());
    on(RoomEvent.AudioPlaybackStatusChanged, () => show(this.el.startAudio, !room.canPlaybackAudio));
    this.room = room;
    return room;
  }

  async joined(room) {
    this.liveRoom = room;
    this.backoff.reset();
    this.showView("stage");
    this.chat.useRoom(room);
    this.devices.useRoom(room);
    room.remoteParticipants.forEach((participant) => this.tiles.addParticipant(participant));
    this.updateWaiting();
    show(this.el.startAudio, !room.canPlaybackAudio);
    await this.media.applyPrefs();
    await this.devices.refresh();
  }

  failed(error) {
    this.dropRoom();
    const kind = failureKind(error);
    if (kind === "outage") {
      this.retryLater();
    } else if (kind === "expired") {
      this.showProblem(this.t("expired"), { reload: true });
    } else if (kind === "refused") {
      this.showProblem(error.message, { reload: false });
    } else if (kind === "closed") {
      this.finish(this.t("callClosed"), { rejoin: false });
    }
  }

  disconnected(reason) {
    this.dropRoom();
    if (reason === DisconnectReason.ROOM_DELETED) {
      this.finish(this.t("callEnded"), { rejoin: false });
    } else if (reason === DisconnectReason.DUPLICATE_IDENTITY) {
      this.showProblem(this.t("duplicate"), { reload: true });
    } else if (reason === DisconnectReason.PARTICIPANT_REMOVED) {
      this.finish(this.t("removed"), { rejoin: false });
    } else {
      // The connection was lost and LiveKit's own reconnection gave up.
      this.retryLater();
    }
  }

  retryLater() {
    const seconds = this.backoff.next();
    const retryAt = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
      this.el.retryCountdown.textContent = this.t("retryIn", { seconds: left });
    };
    this.showView("unavailable");
    this.setState(this.t("unavailable"));
    tick();
    this.timers.push(window.setInterval(tick, 1000), window.setTimeout(() => this.start(), seconds * 1000));
  }

  clearTimers() {
    // Interval and timeout ids share one pool, so clearTimeout cancels both kinds.
    this.timers.forEach((id) => window.clearTimeout(id));
    this.timers = [];
  }

  dropRoom() {
    this.room = null;
    this.liveRoom = null;
    this.tiles.clear();
    this.chat.setEnabled(false);
    show(this.el.reconnecting, false);
    show(this.el.quality, false);
  }

  participantJoined(participant) {
    this.tiles.addParticipant(participant);
    this.notify(this.t("joined", { name: displayName(participant) }));
    this.updateWaiting();
  }

  participantLeft(participant) {
    this.tiles.removeParticipant(participant);
    this.notify(this.t("left", { name: displayName(participant) }));
    this.updateWaiting();
  }

  updateWaiting() {
    show(this.el.waiting, Boolean(this.room) && this.room.remoteParticipants.size === 0);
  }

  trackMuted(publication, participant, muted) {
    if (participant.isLocal) {
      this.media.showLocal();
    } else if (publication.source === Track.Source.Camera) {
      this.tiles.setCameraOff(participant, muted);
    }
  }

  showQuality(quality) {
    const known = Object.values(ConnectionQuality).includes(quality) ? quality : ConnectionQuality.Unknown;
    this.el.quality.textContent = this.t(`quality_${known}`);
    this.el.quality.dataset.quality = known;
    show(this.el.quality, known !== ConnectionQuality.Unknown);
  }

  toggleChat() {
    const open = this.el.chatToggle.getAttribute("aria-expanded") !== "true";
    this.el.chatToggle.setAttribute("aria-expanded", open ? "true" : "false");
    show(this.el.chatPanel, open);
    if (open) {
      this.unread = 0;
      this.root.querySelector("[data-chat-input]").focus();
    }
    this.showUnread();
  }

  countUnread() {
    if (this.el.chatPanel.hidden) {
      this.unread += 1;
      this.showUnread();
    }
  }

  showUnread() {
    this.el.unread.textContent = this.unread ? this.t("unread", { count: this.unread }) : "";
  }

  async ended() {
    await this.leaveRoom();
    this.finish(this.t("youEnded"), { rejoin: false });
  }

  async leave() {
    await this.leaveRoom();
    this.finish(this.t("youLeft"), { rejoin: true });
  }

  async leaveRoom() {
    const room = this.room;
    this.clearTimers();
    this.dropRoom();
    if (room) {
      await room.disconnect();
    }
  }

  // The panel says what happened (its text is a live region, filled once visible); the
  // status line above only names the connection state, so no message shows twice.
  finish(text, { rejoin }) {
    this.clearTimers();
    show(this.el.rejoin, rejoin);
    this.showView("finished");
    this.setState(this.t("state_disconnected"));
    this.el.finishedText.textContent = text;
  }

  showProblem(text, { reload }) {
    this.clearTimers();
    show(this.el.reload, reload);
    this.showView("problem");
    this.setState(this.t("state_notConnected"));
    this.el.problemText.textContent = text;
  }

  showView(name) {
    VIEWS.forEach((view) => show(this.views[view], view === name));
    this.ending.close();
  }

  setState(text) {
    this.el.state.textContent = text;
  }

  notify(text) {
    this.el.notice.textContent = text;
  }
}

const callRoot = document.querySelector("[data-call]");
if (callRoot) {
  new CallPage(callRoot).start();
}
