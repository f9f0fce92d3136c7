import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import type { AppEnv } from "../app-env.ts";
import { actorOf } from "../auth/actor.ts";
import { posts } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { fetchPostThumbnail } from "./fetch-post-thumbnail.ts";

export const postRoutes = new Hono<AppEnv>().get(
  "/:id/thumbnail",
  routeDoc({
    summary: "A post's picture, fetched from its platform's CDN (JPEG, PNG, GIF or WebP)",
    description: "404 when the post has no picture or the platform no longer serves it (its link expired: the next media poll renews it).",
    mediaType: "image/*",
  }),
  async (c) => {
    const actor = actorOf(c);
    const services = c.get("services");
    const [post] = await services.db
      .select({ platform: posts.platform, thumbnailUrl: posts.thumbnailUrl })
      .from(posts)
      .where(and(eq(posts.id, c.req.param("id")), eq(posts.workspaceId, actor.workspaceId)));
    if (!post?.thumbnailUrl) throw new ApiError("not_found", "This post has no picture.");
    const hosts = services.connectors.all.filter((connector) => connector.platform === post.platform).flatMap((connector) => connector.postImageHosts ?? []);
    const picture = await fetchPostThumbnail(services.outboundFetch, post.thumbnailUrl, hosts);
    if (!picture.ok) {
      if (picture.reason !== "unavailable") services.logger.warn("post picture refused", { postPlatform: post.platform, reason: picture.reason });
      throw new ApiError("not_found", "The platform does not serve this post's picture now.");
    }
    return c.body(picture.bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": picture.type,
      // The address carries the link's version: the same address is the same picture. (The
      // security headers every response gets add nosniff and the strict CSP.)
      "cache-control": "private, max-age=86400, immutable",
    });
  },
);
