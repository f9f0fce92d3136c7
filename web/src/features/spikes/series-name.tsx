import { Link } from "@tanstack/react-router";
import type { Platform, PostSummary } from "@surgedesk/shared";
import { PLATFORM_NAMES } from "../../lib/format.ts";
import { PostThumbnail } from "../posts/post-thumbnail.tsx";

/**
 * A post, campaign or platform as a person knows it: a post by its caption (the API's name) and
 * its platform, linking to its queue; the platform's own id only inside a details disclosure,
 * for whoever needs to look the post up on the platform.
 */
export function SeriesName({ name, platform, post, linkToQueue = true }: { name: string; platform: Platform | null; post: PostSummary | null; linkToQueue?: boolean }) {
  return (
    <>
      {post && <PostThumbnail src={post.thumbnail} />}
      {post && linkToQueue ? (
        <Link to="/inbox" search={{ postId: post.id }} title="Open this post's queue">
          {name}
        </Link>
      ) : (
        <strong>{name}</strong>
      )}
      {platform && <span className={`badge platform-${platform}`}>{PLATFORM_NAMES[platform]}</span>}
      {post && (
        <details className="platform-id">
          <summary>Details</summary>
          {PLATFORM_NAMES[platform ?? "instagram"]} id <code>{post.externalId}</code>
        </details>
      )}
    </>
  );
}
