import { useState } from "react";
import "./posts.css";

/**
 * A post's cover picture, beside its caption, so a marketer knows the video at a glance. The
 * picture is decoration (the caption names the post), so it has no alternative text; a link
 * the platform no longer serves leaves no broken-image icon behind.
 */
export function PostThumbnail({ src, size = "small" }: { src: string | null; size?: "small" | "large" }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) return null;
  const pixels = size === "large" ? 72 : 32;
  return <img className={`post-thumbnail ${size}`} src={src} alt="" width={pixels} height={pixels} loading="lazy" decoding="async" onError={() => setFailed(true)} />;
}
