import { useEffect } from "react";
import { PRESENCE_HEARTBEAT_MS, type PresenceActivity } from "@surgedesk/shared";
import { api } from "../../lib/api.ts";
import { CLIENT_ID } from "./live-store.ts";

/** Numbers everything this tab says, so the server applies it in the order it was said. */
let said = 0;

/**
 * Tells the other consoles this one has the message open (and whether it is replying), again
 * every heartbeat interval until it moves on; then says it left, so the warning goes at once.
 */
export function usePresenceBeat(messageId: string, activity: PresenceActivity) {
  useEffect(() => {
    const beat = () => void api.api.live.presence.$post({ json: { messageId, clientId: CLIENT_ID, activity, seq: ++said } }).catch(() => undefined);
    beat();
    const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [messageId, activity]);
  // Leaving is said once per message, not when only the activity changes, and also when the
  // tab closes, which unmounts nothing.
  useEffect(() => {
    const leave = () =>
      void api.api.live.presence.leave
        .$post({ json: { messageId, clientId: CLIENT_ID, seq: ++said } }, { init: { keepalive: true } })
        .catch(() => undefined);
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [messageId]);
}
