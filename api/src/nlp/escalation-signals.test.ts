import { describe, expect, it } from "vitest";
import { detectSignals } from "./escalation-signals.ts";

const ids = (joined: string, masked = joined, sentiment = 0) => detectSignals({ joined, masked, sentiment }).map((s) => s.id);

describe("escalation signals", () => {
  it("finds threats: chargeback, report, legal", () => {
    expect(ids("i will file a chargeback with my bank")).toContain("chargeback_threat");
    expect(ids("voy a hacer un contracargo")).toContain("chargeback_threat");
    expect(ids("reporting you to the bbb")).toContain("report_threat");
    expect(ids("mi abogado los va a demandar")).toContain("legal_threat");
  });

  it("finds scam accusations and profanity, including expanded slang", () => {
    expect(ids("this shop is a scam")).toContain("scam_accusation");
    expect(ids("son unos estafadores")).toContain("scam_accusation");
    // "wtf" arrives normalized as "what the fuck".
    expect(ids("what the fuck is this")).toContain("profanity");
  });

  it("states a long wait with its phrase, and ignores short ones", () => {
    const [wait] = detectSignals({ joined: "it s been 3 weeks", masked: "", sentiment: 0 });
    expect(wait).toMatchObject({ id: "long_wait", reason: 'long wait stated ("3 weeks")' });
    expect(ids("ya van dos semanas")).toContain("long_wait");
    expect(ids("ordered 3 days ago")).not.toContain("long_wait");
    // A week or ten days is an ordinary delivery time; two weeks is where waiting becomes the complaint.
    expect(ids("ordered 10 days ago")).not.toContain("long_wait");
    expect(ids("ordered 15 days ago")).toContain("long_wait");
    expect(ids("waiting for months")).toContain("long_wait");
  });

  it("reads shouting and repeated exclamation marks from the original text", () => {
    expect(ids("", "WHERE IS MY ORDER")).toContain("all_caps");
    expect(ids("", "code SARAH20 ok")).not.toContain("all_caps");
    expect(ids("", "this is REALLY NOT OK and I WANT answers")).toContain("all_caps");
    expect(ids("", "ÉSTO ES UNA BURLA")).toContain("all_caps");
    expect(ids("", "got it at the USPS office")).not.toContain("all_caps");
    expect(ids("", "hello!!!")).toContain("exclamations");
    expect(ids("", "answer me!! now!!")).toContain("exclamations");
    expect(ids("", "thanks!")).not.toContain("exclamations");
  });

  it("adds repeat contact and visibility from context", () => {
    const fired = detectSignals({ joined: "", masked: "", sentiment: 0, context: { likes: 2400, priorMessagesFromAuthor: 3 } });
    expect(fired.map((s) => s.reason)).toEqual([
      "repeat contact: 3 earlier messages from this author",
      "high visibility: 2,400 likes",
    ]);
    expect(detectSignals({ joined: "", masked: "", sentiment: 0, context: { likes: 12 } })).toEqual([]);
  });

  it("says so when earlier messages went unanswered", () => {
    expect(ids("i messaged you 3 times and no one answers")).toContain("unanswered");
    expect(ids("nadie responde")).toContain("unanswered");
  });
});
