// Remote video tiles (camera and screen share per participant) and remote audio elements.
import { Track } from "livekit-client";

export function displayName(participant) {
  return (participant && (participant.name || participant.identity)) || "";
}

function isScreen(source) {
  return source === Track.Source.ScreenShare || source === Track.Source.ScreenShareAudio;
}

export class RemoteTiles {
  constructor({ container, audioSink, t }) {
    this.container = container;
    this.audioSink = audioSink;
    this.t = t;
    this.tiles = new Map();
  }

  key(participant, source) {
    return `${participant.identity}:${isScreen(source) ? "screen" : "camera"}`;
  }

  tile(participant, source) {
    const key = this.key(participant, source);
    if (!this.tiles.has(key)) {
      const figure = document.createElement("figure");
      figure.className = isScreen(source) ? "tile tile--screen" : "tile tile--camera-off";
      figure.dataset.identity = participant.identity;
      const video = document.createElement("video");
      video.autoplay = true;
      video.playsInline = true;
      video.muted = true;
      const placeholder = document.createElement("p");
      placeholder.className = "tile__placeholder";
      placeholder.textContent = this.t("cameraOff");
      const caption = document.createElement("figcaption");
      caption.className = "tile__name";
      const name = displayName(participant);
      caption.textContent = isScreen(source) ? this.t("screenOf", { name }) : name;
      figure.append(video, placeholder, caption);
      this.container.append(figure);
      this.tiles.set(key, { figure, video });
    }
    return this.tiles.get(key);
  }

  addParticipant(participant) {
    this.tile(participant, Track.Source.Camera);
  }

  attach(track, participant) {
    if (track.kind === Track.Kind.Audio) {
      const element = track.attach();
      element.dataset.identity = participant.identity;
      this.audioSink.append(element);
      return;
    }
    const { figure, video } = this.tile(participant, track.source);
    track.attach(video);
    figure.classList.toggle("tile--camera-off", Boolean(track.isMuted));
  }

  detach(track, participant) {
    const elements = track.detach();
    if (track.kind === Track.Kind.Audio) {
      elements.forEach((element) => element.remove());
    } else if (isScreen(track.source)) {
      this.remove(this.key(participant, track.source));
    } else {
      this.setCameraOff(participant, true);
    }
  }

  setCameraOff(participant, off) {
    const tile = this.tiles.get(this.key(participant, Track.Source.Camera));
    if (tile) {
      tile.figure.classList.toggle("tile--camera-off", off);
    }
  }

  removeParticipant(participant) {
    [Track.Source.Camera, Track.Source.ScreenShare].forEach((source) => this.remove(this.key(participant, source)));
    this.audioSink.querySelectorAll("audio").forEach((element) => {
      if (element.dataset.identity === participant.identity) {
        element.remove();
      }
    });
  }

  remove(key) {
    const tile = this.tiles.get(key);
    if (tile) {
      tile.figure.remove();
      this.tiles.delete(key);
    }
  }

  clear() {
    [...this.tiles.keys()].forEach((key) => this.remove(key));
    this.audioSink.replaceChildren();
  }
}
