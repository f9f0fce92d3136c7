import { afterEach, describe, expect, it } from "vitest";
import type { MessagePresence, PresenceActivity } from "@surgedesk/shared";
import type { BusListener, EventBus, PresenceBusEvent } from "../events/event-bus.ts";
import { createPresenceStore, type PresenceStore } from "./presence-store.ts";

const TTL_MS = 30_000;
let clock = 0;
let store: PresenceStore | undefined;

/** A store on a bus that hands it events directly, so the test decides the arrival order. */
function setUp() {
  clock = 1_000_000;
  let deliver: BusListener | undefined;
  const events: EventBus = {
    publish: () => undefined,
    subscribe(listener) {
      deliver = listener;
      return () => undefined;
    },
    close: async () => undefined,
  };
  store = createPresenceStore(events, { ttlMs: TTL_MS, now: () => clock });
  const heard: MessagePresence[] = [];
  store.subscribe((_workspaceId, presence) => heard.push(presence));
  const say = (seq: number, activity: PresenceActivity | null, { clientId = "tab-admin-1", userId = "usr_admin", messageId = "msg_1" } = {}) =>
    deliver!({ type: "presence", workspaceId: "ws_1", messageId, clientId, userId, name: userId, activity, seq } satisfies PresenceBusEvent);
  const onMessage = (messageId = "msg_1") => store!.snapshot("ws_1").find((p) => p.messageId === messageId)?.entries ?? [];
  return { say, heard, onMessage };
}

afterEach(() => store?.close());

describe("presence store", () => {
  it("keeps a console that said here, gone, here even when the leave arrives last", () => {
    const { say, onMessage } = setUp();
    // A view mounting twice sends beat 1, leave 2, beat 3 within milliseconds; the second beat
    // overtakes the leave.
    say(1, "viewing");
    say(3, "viewing");
    say(2, null);
    expect(onMessage()).toEqual([{ clientId: "tab-admin-1", userId: "usr_admin", name: "usr_admin", activity: "viewing" }]);
  });

  it("does not bring back a console whose leave overtook its last beat", () => {
    const { say, heard, onMessage } = setUp();
    say(2, null);
    say(1, "viewing");
    expect(onMessage()).toEqual([]);
    expect(heard).toEqual([]);
    // Opening the message again later is newer than the leave.
    say(3, "replying");
    expect(onMessage().map((e) => e.activity)).toEqual(["replying"]);
  });

  it("tells listeners of changes only, and forgets silent consoles after the lease", () => {
    const { say, heard, onMessage } = setUp();
    say(1, "viewing");
    say(2, "viewing");
    say(3, "replying");
    expect(heard.map((p) => p.entries.map((e) => e.activity))).toEqual([["viewing"], ["replying"]]);
    clock += TTL_MS + 1;
    store!.sweep();
    expect(onMessage()).toEqual([]);
    expect(heard.at(-1)).toEqual({ messageId: "msg_1", entries: [] });
    expect(store!.snapshot("ws_1")).toEqual([]);
  });

  it("lets only the console's own user say it left", () => {
    const { say, onMessage } = setUp();
    say(1, "viewing");
    say(99, null, { userId: "usr_other" });
    expect(onMessage()).toHaveLength(1);
    // Nor can another user's leave under an unseen id keep the real console out.
    say(50, null, { clientId: "tab-agent-1", userId: "usr_other" });
    say(1, "viewing", { clientId: "tab-agent-1", userId: "usr_agent" });
    expect(onMessage().map((e) => e.clientId).sort()).toEqual(["tab-admin-1", "tab-agent-1"]);
  });

  it("orders each message separately: leaving one message is not undone by a beat on another", () => {
    const { say, onMessage } = setUp();
    say(1, "viewing", { messageId: "msg_1" });
    say(3, "viewing", { messageId: "msg_2" });
    say(2, null, { messageId: "msg_1" });
    expect(onMessage("msg_1")).toEqual([]);
    expect(onMessage("msg_2")).toHaveLength(1);
  });
});
