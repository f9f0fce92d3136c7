import { useEffect, useRef } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, createFileRoute, useSearch } from "@tanstack/react-router";
import { VISIBILITY_WORDS, type MessagePatch } from "@surgedesk/shared";
import { Notice } from "../../design/notice.tsx";
import { PLATFORM_NAMES, STATUS_NAMES } from "../../lib/format.ts";
import { meQueryOptions } from "../../features/auth/session-queries.ts";
import { VIEWER_REASON } from "../../features/auth/role-reasons.ts";
import { ClassificationPanel } from "../../features/inbox/classification-panel.tsx";
import { setInboxUi, useInboxUi } from "../../features/inbox/inbox-ui-store.ts";
import { LabelPicker } from "../../features/inbox/label-picker.tsx";
import { ItemTags } from "../../features/tags/item-tags.tsx";
import { TagPicker } from "../../features/tags/tag-picker.tsx";
import { MessageActions } from "../../features/inbox/message-actions.tsx";
import { MessageText } from "../../features/inbox/message-text.tsx";
import { MessageContextPanel } from "../../features/inbox/message-context-panel.tsx";
import { ItemConversation, NewerInItem } from "../../features/inbox/item-conversation.tsx";
import { ModerationPanel } from "../../features/inbox/moderation-panel.tsx";
import { hideMessage, messageContextQueryOptions, messageQueryOptions, patchMessage } from "../../features/inbox/message-queries.ts";
import { PresenceBanner } from "../../features/inbox/presence-banner.tsx";
import { ReplyPanel } from "../../features/replies/reply-panel.tsx";
import { SlaBadge } from "../../features/inbox/sla-badge.tsx";
import { usePresenceBeat } from "../../features/inbox/use-presence-beat.ts";
import { useNow } from "../../features/inbox/use-now.ts";

export const Route = createFileRoute("/_signed-in/inbox/$messageId")({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(messageQueryOptions(params.messageId)),
  component: MessageDetail,
  errorComponent: ({ error }) => (
    <Notice tone="error" focus={false}>
      {error instanceof Error ? error.message : "Could not load this message."}
    </Notice>
  ),
});

function MessageDetail() {
  const { messageId } = Route.useParams();
  const search = useSearch({ from: "/_signed-in/inbox" });
  const { data: message } = useQuery(messageQueryOptions(messageId));
  const { data: context } = useQuery(messageContextQueryOptions(messageId));
  const { data: me } = useQuery(meQueryOptions);
  const ui = useInboxUi();
  const now = useNow(30_000);
  const queryClient = useQueryClient();
  usePresenceBeat(messageId, ui.reply || ui.composing ? "replying" : "viewing");
  // A reply box, label or tag picker belongs to the message it was opened on.
  useEffect(() => setInboxUi({ reply: false, composeIntent: null, labelPicker: false, tagPicker: false }), [messageId]);
  // r (reply) brings the reply panel into view and puts the keyboard in it.
  const replyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ui.reply) return;
    replyRef.current?.scrollIntoView({ block: "nearest" });
    const panel = replyRef.current;
    (panel?.querySelector<HTMLElement>(".composer textarea:not(:disabled)") ?? panel?.querySelector<HTMLElement>("textarea, button, select, input"))?.focus();
  }, [ui.reply]);

  // When the on-screen keyboard opens (the viewport shrinks), keep the field being typed in in sight.
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    const keepInSight = () => {
      const field = document.activeElement;
      if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) field.scrollIntoView({ block: "nearest" });
    };
    viewport.addEventListener("resize", keepInSight);
    return () => viewport.removeEventListener("resize", keepInSight);
  }, []);

  // The live stream brings the change to the list (and to everyone else's).
  const change = useMutation({
    mutationFn: (patch: MessagePatch) => patchMessage(messageId, patch),
    onSuccess: (updated) => queryClient.setQueryData(messageQueryOptions(messageId).queryKey, updated),
  });
  const hide = useMutation({
    mutationFn: () => hideMessage(messageId),
    onSuccess: (updated) => queryClient.setQueryData(messageQueryOptions(messageId).queryKey, updated),
  });
  if (!message) return null;
  const busy = change.isPending || hide.isPending;
  return (
    <article className="message-detail">
      <Link className="back-to-list" to="/inbox" search={search}>
        ← Back to the list
      </Link>
      <PresenceBanner messageId={messageId} myUserId={me?.id} />
      <header>
        <h2>{message.authorHandle ? `@${message.authorHandle}` : "A customer without a public handle"}</h2>
        <p className="meta">
          {PLATFORM_NAMES[message.platform]} {message.kind === "dm" ? "DM" : "comment"} · {new Date(message.createdAt).toLocaleString()} ·{" "}
          <span className="status">{STATUS_NAMES[message.status]}</span>
          {message.assigneeName && ` · assigned to ${message.assigneeName}`}
          {message.visibility !== "visible" && ` · ${VISIBILITY_WORDS[message.visibility]} on the platform`}
          {message.direction === "outbound" && " · sent by the brand"} <SlaBadge message={message} now={now} />
        </p>
      </header>
      {message.direction === "inbound" && me && (
        <MessageActions
          message={message}
          busy={busy}
          readOnlyReason={me.role === "viewer" ? VIEWER_REASON : null}
          onChange={(patch) => change.mutate(patch)}
          onHide={() => hide.mutate()}
          onReply={() => setInboxUi({ reply: true, composeIntent: "reply" })}
        />
      )}
      <ItemTags
        message={message}
        readOnlyReason={me?.role === "viewer" ? VIEWER_REASON : null}
        onChanged={(updated) => queryClient.setQueryData(messageQueryOptions(messageId).queryKey, updated)}
        onOpenPicker={() => setInboxUi({ tagPicker: true })}
      />
      {ui.tagPicker && (
        <TagPicker
          message={message}
          onChanged={(updated) => queryClient.setQueryData(messageQueryOptions(messageId).queryKey, updated)}
          onClose={() => setInboxUi({ tagPicker: false })}
        />
      )}
      {change.isError && <Notice tone="error">Could not change it: {change.error.message}</Notice>}
      {hide.isError && <Notice tone="error">Could not hide it: {hide.error.message}</Notice>}
      <NewerInItem message={message} search={search} />
      {context && <ItemConversation message={message} item={context.item} />}
      <div className="body">
        <MessageText text={message.text} />
      </div>
      {ui.labelPicker && (
        <LabelPicker
          current={message.label}
          onClose={() => setInboxUi({ labelPicker: false })}
          onPick={(label) => {
            setInboxUi({ labelPicker: false });
            change.mutate({ label });
          }}
        />
      )}
      {message.direction === "inbound" && <ModerationPanel message={message} canAct={me?.role !== "viewer"} />}
      {message.direction === "inbound" && (
        <div ref={replyRef} className={ui.reply ? "replying" : undefined}>
          <ReplyPanel message={message} canSend={me?.role !== "viewer"} readOnlyReason={me?.role === "viewer" ? VIEWER_REASON : null} />
        </div>
      )}
      {message.direction === "inbound" && (
        <ClassificationPanel
          message={message}
          saving={change.isPending}
          canRelabel={me?.role !== "viewer"}
          onRelabel={(label) => change.mutate({ label })}
        />
      )}
      {context && <MessageContextPanel context={context} messageId={messageId} search={search} />}
      <dl className="facts">
        <dt>Received</dt>
        <dd>{new Date(message.receivedAt).toLocaleString()}</dd>
      </dl>
      {/* For a support ticket with the platform: its own ids, out of the way until asked for. */}
      <details className="technical">
        <summary>Platform ids</summary>
        <dl className="facts">
          <dt>Message</dt>
          <dd className="mono">{message.externalId}</dd>
          <dt>Customer</dt>
          <dd className="mono">{message.authorExternalId}</dd>
        </dl>
      </details>
    </article>
  );
}
