// The person's own media: the microphone, camera and screen-share buttons, the local tile,
// and what to say when a device fails. Acts on whichever room the page is using now.
import { MediaDeviceFailure, Track } from "livekit-client";

import { setPressed, show } from "../shared/dom.js";
import { saveMediaPrefs } from "../shared/prefs.js";

const MEDIA_PROBLEM = {
  [MediaDeviceFailure.PermissionDenied]: "mediaPermissionDenied",
  [MediaDeviceFailure.NotFound]: "mediaNotFound",
  [MediaDeviceFailure.DeviceInUse]: "mediaInUse",
};

export class LocalMedia {
  // ``room`` returns the page's current Room (or null): the page swaps rooms on every
  // connection attempt and drops them on failure.
  constructor({ root, t, prefs, room }) {
    const q = (selector) => root.querySelector(selector);
    this.t = t;
    this.prefs = prefs;
    this.currentRoom = room;
    this.el = {
      localTile: q("[data-local-tile]"),
      localVideo: q("[data-local-video]"),
      mediaNotice: q("[data-media-notice]"),
      mic: q('[data-toggle="mic"]'),
      camera: q('[data-toggle="camera"]'),
      screen: q('[data-toggle="screen"]'),
    };
    this.el.mic.addEventListener("click", () => this.toggleMicrophone());
    this.el.camera.addEventListener("click", () => this.toggleCamera());
    this.el.screen.addEventListener("click", () => this.toggleScreenShare());
    show(this.el.screen, Boolean(navigator.mediaDevices && navigator.mediaDevices.getDisplayMedia));
  }

  get room() {
    return this.currentRoom();
  }

  // Just joined: turn the microphone and camera on or off as chosen in the lobby.
  async applyPrefs() {
    await this.setMedia("mic", this.prefs.micEnabled);
    await this.setMedia("camera", this.prefs.cameraEnabled);
  }

  showLocal() {
    if (!this.room) {
      return;
    }
    const local = this.room.localParticipant;
    const camera = local.getTrackPublication(Track.Source.Camera);
    const cameraOn = Boolean(camera && camera.track && !camera.isMuted);
    if (cameraOn) {
      camera.track.attach(this.el.localVideo);
    }
    this.el.localTile.classList.toggle("tile--camera-off", !cameraOn);
    setPressed(this.el.mic, local.isMicrophoneEnabled);
    setPressed(this.el.camera, local.isCameraEnabled);
    setPressed(this.el.screen, local.isScreenShareEnabled);
  }

  async setMedia(kind, enabled) {
    const local = this.room && this.room.localParticipant;
    if (!local) {
      return;
    }
    try {
      await (kind === "mic" ? local.setMicrophoneEnabled(enabled) : local.setCameraEnabled(enabled));
      show(this.el.mediaNotice, false);
    } catch (error) {
      this.reportMedia(error);
    }
    this.showLocal();
  }

  async toggleMicrophone() {
    this.prefs.micEnabled = !(this.room && this.room.localParticipant.isMicrophoneEnabled);
    saveMediaPrefs(this.prefs);
    await this.setMedia("mic", this.prefs.micEnabled);
  }

  async toggleCamera() {
    this.prefs.cameraEnabled = !(this.room && this.room.localParticipant.isCameraEnabled);
    saveMediaPrefs(this.prefs);
    await this.setMedia("camera", this.prefs.cameraEnabled);
  }

  async toggleScreenShare() {
    const local = this.room && this.room.localParticipant;
    if (!local) {
      return;
    }
    try {
      await local.setScreenShareEnabled(!local.isScreenShareEnabled);
    } catch (error) {
      // Closing the browser's screen picker is a choice, not a problem.
      if (error.name !== "NotAllowedError") {
        this.reportMedia(error);
      }
    }
    this.showLocal();
  }

  reportMedia(error) {
    this.el.mediaNotice.textContent = this.t(MEDIA_PROBLEM[MediaDeviceFailure.getFailure(error)] || "mediaFailed");
    show(this.el.mediaNotice);
  }
}
