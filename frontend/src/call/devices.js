// Camera, microphone and speaker pickers during the call.
import { Room, supportsAudioOutputSelection } from "livekit-client";

import { fillDeviceSelect, show } from "../shared/dom.js";
import { saveMediaPrefs } from "../shared/prefs.js";

const PREF_FOR_KIND = { audioinput: "audioDeviceId", videoinput: "videoDeviceId", audiooutput: "audioOutputId" };
const UNNAMED_FOR_KIND = { audioinput: "unnamedMicrophone", videoinput: "unnamedCamera", audiooutput: "unnamedSpeaker" };

export class DevicePickers {
  constructor({ root, t, prefs, onError }) {
    this.t = t;
    this.prefs = prefs;
    this.onError = onError;
    this.room = null;
    this.selects = {};
    for (const kind of Object.keys(PREF_FOR_KIND)) {
      const select = root.querySelector(`[data-device-select="${kind}"]`);
      this.selects[kind] = select;
      select.addEventListener("change", () => this.choose(kind, select.value));
    }
    // Firefox and Safari cannot route audio to a chosen speaker.
    show(root.querySelector("[data-audio-output-field]"), supportsAudioOutputSelection());
  }

  useRoom(room) {
    this.room = room;
  }

  async refresh() {
    for (const kind of Object.keys(PREF_FOR_KIND)) {
      if (kind === "audiooutput" && !supportsAudioOutputSelection()) {
        continue;
      }
      try {
        const devices = (await Room.getLocalDevices(kind, false)).filter((device) => device.deviceId);
        const active = (this.room && this.room.getActiveDevice(kind)) || this.prefs[PREF_FOR_KIND[kind]];
        fillDeviceSelect(this.selects[kind], devices, active, (n) => this.t(UNNAMED_FOR_KIND[kind], { n }));
      } catch (error) {
        this.selects[kind].disabled = true;
      }
    }
  }

  async choose(kind, deviceId) {
    this.prefs[PREF_FOR_KIND[kind]] = deviceId;
    saveMediaPrefs(this.prefs);
    if (!this.room) {
      return;
    }
    try {
      await this.room.switchActiveDevice(kind, deviceId);
    } catch (error) {
      this.onError(error);
    }
  }
}
