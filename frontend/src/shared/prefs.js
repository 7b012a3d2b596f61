// Camera/microphone choices made in the lobby, carried into the call page of the same tab.
const KEY = "procusmeet.call.media";
const DEFAULTS = { micEnabled: true, cameraEnabled: true, audioDeviceId: "", videoDeviceId: "", audioOutputId: "" };

export function loadMediaPrefs() {
  try {
    return { ...DEFAULTS, ...JSON.parse(window.sessionStorage.getItem(KEY) || "{}") };
  } catch (error) {
    // Storage can be disabled (privacy modes) or hold junk: the defaults are fine.
    return { ...DEFAULTS };
  }
}

export function saveMediaPrefs(prefs) {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(prefs));
  } catch (error) {
    // Without storage the choices simply do not carry over.
  }
}
