import type { EmulatedBusiness, EmulatedVideo, TikTokBusinessWorld } from "./business-world.ts";

const MINUTE = 60_000;

/**
 * A brand's TikTok as the demo starts: a video posted minutes ago with the comments a launch
 * draws (order status, a code that did not work, a damaged parcel, an angry buyer), and an
 * older one. Connect the returned business (its id and token) to watch Surgedesk poll them.
 */
export function seedTikTokDemoWorld(world: TikTokBusinessWorld): { business: EmulatedBusiness; videos: EmulatedVideo[] } {
  const now = world.now().getTime();
  const business = world.addBusiness({ username: "glowbar.official" });
  const launch = world.addVideo(business.businessId, { createdAt: new Date(now - 25 * MINUTE), caption: "our vitamin C serum is BACK 🍊" });
  const older = world.addVideo(business.businessId, { createdAt: new Date(now - 9 * 24 * 60 * MINUTE), caption: "3 steps to glass skin" });

  const buyers = [
    { userId: "-000demoMaria", username: "maria.glows", text: "where is my order?? ordered 2 weeks ago #10482" },
    { userId: "-000demoJess", username: "jess.shops", text: "the creator code MARIA15 didnt work 😤" },
    { userId: "-000demoDani", username: "dani_skin", text: "order #10473 arrived cracked and leaking, what do i do" },
    { userId: "-000demoTk", username: "tk_user_8841", text: "this brand is a scam, order #10459 and still no refund after 3 weeks. reporting you" },
    { userId: "-000demoAna", username: "ana.beauty", text: "does it come in 50ml?" },
  ];
  buyers.forEach((buyer, i) => {
    world.addComment(launch.itemId, { ...buyer, createdAt: new Date(now - (20 - i * 3) * MINUTE) });
  });
  const [first] = world.commentsOf(launch.itemId, null);
  if (first) {
    world.addComment(launch.itemId, { userId: "-000demoLee", username: "lee.k", text: "same, #10483 nothing since may", parentCommentId: first.commentId });
  }
  world.addComment(older.itemId, { userId: "-000demoRo", username: "ro.skin", text: "holy grail ✨ reordering", createdAt: new Date(now - 8 * 24 * 60 * MINUTE) });
  return { business, videos: [launch, older] };
}
