// The join window as the server rendered it, read on the server's clock: the page asks
// for a token only while it is open, where the API grants one.
import { joinPhase, parseInstant, serverClock } from "../shared/time.js";

export class CallWindow {
  constructor(dataset) {
    this.now = serverClock(dataset.serverNow);
    this.opensAt = parseInstant(dataset.joinOpensAt);
    this.endsAt = parseInstant(dataset.endsAt);
  }

  // "before" | "open" | "over"
  phase() {
    if (Number.isNaN(this.opensAt) || Number.isNaN(this.endsAt)) {
      // No window on the page: the token endpoint decides, and says why if it refuses.
      return "open";
    }
    return joinPhase(this.now(), this.opensAt, this.endsAt);
  }

  millisecondsUntilOpen() {
    return this.opensAt - this.now();
  }
}
