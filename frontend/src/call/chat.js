// Text chat over LiveKit text streams (data messages) on the "chat" topic.
import { displayName } from "./tiles.js";

export const CHAT_TOPIC = "chat";
const MAX_LENGTH = 2000;

export class Chat {
  constructor({ root, t, onMessage }) {
    this.t = t;
    this.log = root.querySelector("[data-chat-log]");
    this.form = root.querySelector("[data-chat-form]");
    this.input = root.querySelector("[data-chat-input]");
    this.error = root.querySelector("[data-chat-error]");
    this.onMessage = onMessage;
    this.room = null;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
  }

  // Each connection attempt has its own Room: listen on the one in use.
  useRoom(room) {
    this.room = room;
    room.registerTextStreamHandler(CHAT_TOPIC, (reader, sender) => this.receive(room, reader, sender));
    this.setEnabled(true);
  }

  setEnabled(enabled) {
    this.input.disabled = !enabled;
    this.form.querySelector("button").disabled = !enabled;
  }

  async receive(room, reader, sender) {
    try {
      const text = await reader.readAll();
      const participant = room.remoteParticipants.get(sender.identity);
      this.append(displayName(participant) || sender.identity, text, false);
      this.onMessage();
    } catch (error) {
      // A message cut off by a dropped connection is simply not shown.
    }
  }

  async send() {
    const text = this.input.value.trim().slice(0, MAX_LENGTH);
    if (!text || !this.room) {
      return;
    }
    this.error.textContent = "";
    try {
      await this.room.localParticipant.sendText(text, { topic: CHAT_TOPIC });
      this.append(this.t("you"), text, true);
      this.input.value = "";
    } catch (error) {
      this.error.textContent = this.t("chatNotSent");
    }
  }

  append(author, text, mine) {
    const item = document.createElement("li");
    item.className = mine ? "chat__message chat__message--mine" : "chat__message";
    const who = document.createElement("span");
    who.className = "chat__author";
    who.textContent = author;
    const body = document.createElement("span");
    body.className = "chat__text";
    body.textContent = text;
    item.append(who, body);
    this.log.append(item);
    this.log.scrollTop = this.log.scrollHeight;
  }
}
