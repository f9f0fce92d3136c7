import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SpikeSeriesSummary } from "@surgedesk/shared";
import { PLATFORM_NAMES } from "../../lib/format.ts";
import { ConfirmButton } from "../../design/confirm-button.tsx";
import { EmptyState } from "../../design/empty-state.tsx";
import { spikeKeys } from "./spike-queries.ts";
import { campaignPostChoicesQueryOptions, campaignsQueryOptions, changeCampaignPosts, createCampaign, deleteCampaign } from "./spike-settings-queries.ts";

/**
 * Campaigns are sets of posts whose support load is watched together (a launch, a creator's
 * videos). Adding a post brings its whole history into the campaign's charts and alerts.
 */
export function CampaignSettings({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const campaigns = useQuery(campaignsQueryOptions);
  const choices = useQuery(campaignPostChoicesQueryOptions);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: spikeKeys.all });

  const change = useMutation({ mutationFn: (c: { id: string; add?: string[]; remove?: string[] }) => changeCampaignPosts(c.id, c), onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteCampaign, onSuccess: refresh });
  const error = change.error ?? remove.error;

  return (
    <section className="settings-card" aria-label="Campaigns">
      <h2>Campaigns</h2>
      {campaigns.isError && <p className="error">Could not load campaigns: {campaigns.error.message}</p>}
      {campaigns.data?.length === 0 && (
        <EmptyState title="No campaigns yet.">
          {canEdit ? "Group a creator's posts into a campaign below to follow its comments together." : "An admin can group posts into campaigns."}
        </EmptyState>
      )}
      <ul className="campaign-list">
        {campaigns.data?.map((campaign) => (
          <li key={campaign.id} aria-label={campaign.name}>
            <header>
              <strong>{campaign.name}</strong>
              {campaign.creatorHandle && <span className="muted">@{campaign.creatorHandle}</span>}
              <span className="muted">{campaign.postIds.length === 1 ? "1 post" : `${campaign.postIds.length} posts`}</span>
              {canEdit && (
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete ${campaign.name}`}
                  question={`Delete the campaign "${campaign.name}"? Its posts are kept.`}
                  confirmLabel={`Delete ${campaign.name}`}
                  onConfirm={() => remove.mutate(campaign.id)}
                />
              )}
            </header>
            <ul className="campaign-posts">
              {campaign.posts.map((post) => (
                <li key={post.id}>
                  <PostName post={post} />
                  {canEdit && (
                    <button aria-label={`Remove ${post.name} from ${campaign.name}`} onClick={() => change.mutate({ id: campaign.id, remove: [post.id] })}>
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {canEdit && (
              <AddPost
                label={`Add a post to ${campaign.name}`}
                options={(choices.data ?? []).filter((p) => !campaign.postIds.includes(p.id))}
                onAdd={(postId) => change.mutate({ id: campaign.id, add: [postId] })}
              />
            )}
          </li>
        ))}
      </ul>
      {error && <p className="error">{error.message}</p>}
      {canEdit ? <NewCampaign posts={choices.data ?? []} onCreated={refresh} /> : <p className="muted">Only an admin can change campaigns.</p>}
    </section>
  );
}

function PostName({ post }: { post: Pick<SpikeSeriesSummary, "name" | "platform"> }) {
  return (
    <span>
      {post.name}
      {post.platform && <span className={`badge platform-${post.platform}`}>{PLATFORM_NAMES[post.platform]}</span>}
    </span>
  );
}

function AddPost({ label, options, onAdd }: { label: string; options: SpikeSeriesSummary[]; onAdd: (postId: string) => void }) {
  const [postId, setPostId] = useState("");
  if (options.length === 0) return null;
  return (
    <form
      className="add-post"
      onSubmit={(e) => {
        e.preventDefault();
        if (postId) onAdd(postId);
        setPostId("");
      }}
    >
      <select aria-label={label} value={postId} onChange={(e) => setPostId(e.target.value)}>
        <option value="">Add a post…</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!postId}>
        Add
      </button>
    </form>
  );
}

function NewCampaign({ posts, onCreated }: { posts: SpikeSeriesSummary[]; onCreated: () => void }) {
  const [name, setName] = useState("");
  const [creatorHandle, setCreatorHandle] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      createCampaign({ name, postIds: picked, ...(creatorHandle.trim() && { source: "creator" as const, creatorHandle: creatorHandle.trim() }) }),
    onSuccess: () => {
      setName("");
      setCreatorHandle("");
      setPicked([]);
      onCreated();
    },
  });
  return (
    <form
      className="new-campaign"
      aria-label="New campaign"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3>New campaign</h3>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        Creator (optional) <input value={creatorHandle} onChange={(e) => setCreatorHandle(e.target.value)} placeholder="@handle" maxLength={100} />
      </label>
      <fieldset>
        <legend>Posts (the week's, busiest first)</legend>
        {posts.length === 0 && <p className="muted">No posts with messages this week.</p>}
        {posts.map((p) => (
          <label key={p.id} className="post-choice">
            <input
              type="checkbox"
              checked={picked.includes(p.id)}
              onChange={(e) => setPicked(e.target.checked ? [...picked, p.id] : picked.filter((id) => id !== p.id))}
            />
            <PostName post={p} />
            <span className="muted">{p.received === 1 ? "1 message" : `${p.received} messages`}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
        Create campaign
      </button>
      {create.isError && <p className="error">{create.error.message}</p>}
    </form>
  );
}
