/**
 * Emoji carry much of the meaning in comments ("😍😍", "📦❓", "😡"), but as raw code points
 * they are rare features and the word tokenizer drops them. Each known emoji becomes a word
 * for its family, so the model learns "love" once instead of per heart colour; unknown
 * pictographs become the generic `emo`.
 */

const FAMILIES: Record<string, string> = {
  emolove: "😍 🥰 😘 😻 ❤ 🧡 💛 💚 💙 💜 🖤 🤍 🤎 💕 💖 💗 💓 💞 💘 💝 ♥ ♡ 💟 🫶 😚 😙",
  emojoy: "😂 🤣 😆 😹 😅 😁 😄 😃 😀 😊 ☺ 🙂 😸 🥳 🎉 🤩 ✨ 💃 🕺 🙌 👏 🔥 💯 🤤 😋 👑 💅",
  emook: "👍 👌 ✅ ✔ ☑ 👋",
  emopray: "🙏 🥺 🤞",
  emosad: "😢 😭 😞 😔 😟 🙁 ☹ 😿 💔 😥 😓 😪 🥲",
  emoangry: "😡 🤬 😠 😤 👎 🖕 💢 😾 🙄 😒 😑 😐 🤨",
  emoshock: "😱 😳 😮 😯 😲 🤯 😨 😰 ⁉ ‼ ❗ ❕ ⚠ 🚨",
  emoquestion: "❓ ❔ 🤔 🧐 🤷",
  emomoney: "💰 💸 💵 💲 🤑 💳 🏦 🪙 💎 📈",
  emoparcel: "📦 🚚 🚛 📫 📬 📭 📮 ✉ 📩 🏠 🚪 ⏳ ⌛ ⏰ 🕐",
  emobroken: "💥 🩹 🔨 🪓 🤕",
  emolink: "👇 👉 ⬇ ⤵ 🔗 📲 📱 💬 📩 📥",
};

const FAMILY_BY_EMOJI = new Map<string, string>();
for (const [family, list] of Object.entries(FAMILIES)) {
  for (const emoji of list.split(" ")) if (!FAMILY_BY_EMOJI.has(emoji)) FAMILY_BY_EMOJI.set(emoji, family);
}

// Pictographs plus the few symbols above that Unicode does not class as pictographic.
const EMOJI = /[\p{Extended_Pictographic}\u2049\u203C\u2757\u2755\u2753\u2754]/gu;
// Skin tones, variation selectors and keycaps only modify the emoji before them.
const MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|\u20E3/gu;

export function emojiFamily(emoji: string): string {
  return FAMILY_BY_EMOJI.get(emoji) ?? "emo";
}

/** Replaces each emoji by its family word, surrounded by spaces. */
export function replaceEmoji(text: string): string {
  return text.replace(MODIFIERS, "").replace(EMOJI, (emoji) => ` ${emojiFamily(emoji)} `);
}

/** Whether the text has any character past general punctuation: a cheap guard so that plain text skips the emoji pass. */
export function mayHaveEmoji(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x2000) return true;
  return false;
}
