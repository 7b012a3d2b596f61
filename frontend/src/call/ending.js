// "End call" for both participants: a confirmation, then our API. A refusal (409
// call_not_started before the start: "… Use Leave …") closes the question and shows the
// server's reason as a plain notice: the call goes on.
import { postJson } from "../shared/csrf.js";
import { show } from "../shared/dom.js";

export class EndCall {
  constructor({ root, t, notify, onEnded }) {
    this.url = root.dataset.endUrl;
    this.t = t;
    this.notify = notify;
    this.onEnded = onEnded;
    this.button = root.querySelector("[data-end]");
    this.confirm = root.querySelector("[data-end-confirm]");
    this.yes = root.querySelector("[data-end-yes]");
    this.button.addEventListener("click", () => this.ask(true));
    root.querySelector("[data-end-no]").addEventListener("click", () => this.ask(false));
    this.yes.addEventListener("click", () => this.end());
    show(this.button, Boolean(this.url));
  }

  ask(asking) {
    show(this.confirm, asking);
    (asking ? this.yes : this.button).focus();
  }

  close() {
    show(this.confirm, false);
  }

  async end() {
    let response = null;
    this.yes.disabled = true;
    try {
      response = await postJson(this.url);
    } catch (error) {
      // Our server could not be reached: the notice below says so.
    }
    this.yes.disabled = false;
    if (response && response.ok) {
      await this.onEnded();
      return;
    }
    const body = response && (await response.json().catch(() => null));
    this.ask(false);
    this.notify((body && body.error && body.error.message) || this.t("endFailed"));
  }
}
