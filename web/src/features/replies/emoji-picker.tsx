import { useState } from "react";

/**
 * The emoji social replies use most, built in: a library with every emoji and its search would
 * weigh more than the console's bar allows for a row of faces and hearts.
 */
export const COMMON_EMOJI: readonly [string, string][] = [
  ["😊", "smiling face"], ["😀", "grinning face"], ["😂", "tears of joy"], ["🥰", "smiling face with hearts"],
  ["😍", "heart eyes"], ["😉", "winking face"], ["🤗", "hugging face"], ["🙏", "folded hands, thank you"],
  ["👍", "thumbs up"], ["👏", "clapping hands"], ["🙌", "raising hands"], ["💪", "flexed biceps"],
  ["❤️", "red heart"], ["💖", "sparkling heart"], ["💕", "two hearts"], ["💜", "purple heart"],
  ["✨", "sparkles"], ["🎉", "party popper"], ["🔥", "fire"], ["⭐", "star"],
  ["✅", "check mark"], ["📦", "package"], ["🚚", "delivery truck"], ["🛍️", "shopping bags"],
  ["🎁", "gift"], ["💬", "speech balloon"], ["📩", "envelope with arrow"], ["👀", "eyes"],
  ["😢", "crying face"], ["😔", "pensive face"], ["🙈", "see-no-evil monkey"], ["👋", "waving hand"],
];

/** A button that opens a grid of common emoji; picking one puts it at the caret. */
export function EmojiPicker({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="emoji-picker">
      <button type="button" aria-label="Emoji" aria-expanded={open} disabled={disabled} onClick={() => setOpen(!open)}>
        😊
      </button>
      {open && (
        <div className="emoji-grid" role="group" aria-label="Pick an emoji" onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setOpen(false))}>
          {COMMON_EMOJI.map(([emoji, name]) => (
            <button
              key={emoji}
              type="button"
              aria-label={name}
              title={name}
              onClick={() => {
                onPick(emoji);
                setOpen(false);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
