// Getting into the room: the token from our API, and what each failure means for the
// person (an outage to wait out, an expired token, or a refusal to explain).
import { ConnectionError, ConnectionErrorReason } from "livekit-client";

import { postJson } from "../shared/csrf.js";

// Our API or LiveKit is down or overloaded: keep calm and try again later.
export class VideoServiceUnavailable extends Error {}

// Our API said no (not a participant, outside the join window, …) with a message to show.
export class JoinRefused extends Error {}

const OUTAGE_REASONS = new Set([
  ConnectionErrorReason.ServerUnreachable,
  ConnectionErrorReason.Timeout,
  ConnectionErrorReason.WebSocket,
  ConnectionErrorReason.InternalError,
  ConnectionErrorReason.ServiceNotFound,
]);

export async function fetchCallToken(url) {
  let response;
  try {
    response = await postJson(url);
  } catch (error) {
    throw new VideoServiceUnavailable(error.message);
  }
  const body = await response.json().catch(() => null);
  if (response.ok && body && body.token && body.url) {
    return body;
  }
  const message = body && body.error && body.error.message;
  if (response.status >= 500 || response.status === 429 || !message) {
    throw new VideoServiceUnavailable(message || `HTTP ${response.status}`);
  }
  throw new JoinRefused(message);
}

// "outage" | "expired" | "refused" | "closed" | "cancelled"
export function failureKind(error) {
  if (error instanceof VideoServiceUnavailable) {
    return "outage";
  }
  if (error instanceof JoinRefused) {
    return "refused";
  }
  if (error instanceof ConnectionError) {
    if (error.reason === ConnectionErrorReason.NotAllowed) {
      return "expired";
    }
    if (error.reason === ConnectionErrorReason.Cancelled) {
      return "cancelled";
    }
    if (error.reason === ConnectionErrorReason.LeaveRequest) {
      return "closed";
    }
    if (OUTAGE_REASONS.has(error.reason)) {
      return "outage";
    }
  }
  // Anything unexpected is still not worth a broken page: wait and try again.
  return "outage";
}

// 2, 4, 8, 16, 30, 30 … seconds between attempts.
export class Backoff {
  constructor({ first = 2, max = 30 } = {}) {
    this.first = first;
    this.max = max;
    this.attempt = 0;
  }

  next() {
    const seconds = Math.min(this.max, this.first * 2 ** this.attempt);
    this.attempt += 1;
    return seconds;
  }

  reset() {
    this.attempt = 0;
  }
}
