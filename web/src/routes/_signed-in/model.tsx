import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { LABEL_INFO, type ModelOverview, type TrainingRun } from "@surgedesk/shared";
import { meQueryOptions } from "../../features/auth/session-queries.ts";
import { modelOverviewQueryOptions, requestRetrain, rollBack } from "../../features/model/model-queries.ts";
import { timeAgo } from "../../lib/format.ts";
import "../../features/model/model.css";

export const Route = createFileRoute("/_signed-in/model")({ component: ModelPage });

const percent = (x: number) => `${Math.round(x * 100)}%`;

const RUN_STATUS: Record<TrainingRun["status"], string> = {
  queued: "Waiting to start",
  running: "Training",
  promoted: "Promoted",
  rejected: "Kept the model in use",
  failed: "Failed",
};

/** The workspace's classifier, for admins: what it is, how it does on agents' corrections, retrain and rollback. */
function ModelPage() {
  const { data: me } = useQuery(meQueryOptions);
  if (me && me.role !== "admin") {
    return <p className="empty">Only an admin can see and retrain the workspace's model.</p>;
  }
  return <ModelOverviewPage />;
}

function ModelOverviewPage() {
  const queryClient = useQueryClient();
  const overview = useQuery(modelOverviewQueryOptions);
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: modelOverviewQueryOptions.queryKey });
  const retrain = useMutation({
    mutationFn: requestRetrain,
    onSuccess: (r) => {
      setNotice({ kind: "ok", text: r.alreadyQueued ? "A retrain is already under way." : "Retrain started." });
      void refresh();
    },
    onError: (e) => setNotice({ kind: "error", text: e.message }),
  });
  const rollback = useMutation({
    mutationFn: rollBack,
    onSuccess: () => {
      setNotice({ kind: "ok", text: "Rolled back. Open messages are being relabelled by the restored model." });
      void refresh();
    },
    onError: (e) => setNotice({ kind: "error", text: e.message }),
  });

  if (overview.isPending) return <p className="empty">Loading the model…</p>;
  if (overview.isError) return <p className="error">Could not load the model: {overview.error.message}</p>;
  const data = overview.data;
  const current = data.runs.find((r) => r.status === "queued" || r.status === "running");

  return (
    <div className="model-page" tabIndex={0}>
      <header>
        <h1>Classifier</h1>
        <p className="muted">
          Every label an agent corrects teaches this workspace's model. A retrain learns from them and replaces the model in use only if it
          labels the newest corrections better.
        </p>
      </header>

      <section className="model-card" aria-labelledby="active-model">
        <h2 id="active-model">Model in use</h2>
        <p>
          <strong>{data.active.own ? "This workspace's own model" : "The standard model"}</strong>
          {data.active.promotedAt && <span className="muted"> · promoted {timeAgo(data.active.promotedAt)}</span>}
        </p>
        <p className="muted mono">Version {data.active.modelVersion}</p>
        <p>
          {data.corrections.total} corrections in all; {data.corrections.sinceLastRun} since the last retrain. A retrain starts by itself after{" "}
          {data.corrections.retrainAfter} new ones.
        </p>
        <div className="model-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={current !== undefined || retrain.isPending || data.corrections.total < data.corrections.minimum}
            onClick={() => retrain.mutate()}
          >
            Retrain now
          </button>
          <button
            type="button"
            disabled={!data.canRollBack || rollback.isPending}
            title={data.canRollBack ? undefined : "This workspace already uses the standard model."}
            onClick={() => {
              if (window.confirm("Go back to the model this one replaced? Open messages will be relabelled.")) rollback.mutate();
            }}
          >
            Roll back
          </button>
        </div>
        {data.corrections.total < data.corrections.minimum && (
          <p className="muted">
            A retrain needs at least {data.corrections.minimum} corrections: to learn from, and to test the new model on before it is used.
          </p>
        )}
        {current && <RunProgress run={current} />}
        {notice && (
          <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "notice-error" : "notice-ok"}>
            {notice.text}
          </p>
        )}
      </section>

      <section aria-labelledby="on-corrections">
        <h2 id="on-corrections">On agents' corrections</h2>
        <CorrectionFigures data={data} />
      </section>

      <section aria-labelledby="confusions">
        <h2 id="confusions">What agents fix most</h2>
        {data.confusions.length === 0 ? (
          <p className="muted">No corrections yet. Relabel a message in the inbox when the model gets it wrong.</p>
        ) : (
          <ul className="confusions">
            {data.confusions.map((c) => (
              <li key={`${c.from}>${c.to}`}>
                <span className="label">{LABEL_INFO[c.from].title}</span> → <span className="label">{LABEL_INFO[c.to].title}</span>
                <span className="muted">
                  {" "}
                  · {c.count} {c.count === 1 ? "time" : "times"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="runs">
        <h2 id="runs">Recent retrains</h2>
        {data.runs.length === 0 ? (
          <p className="muted">No retrain yet.</p>
        ) : (
          <ul className="runs">
            {data.runs.map((run) => (
              <li key={run.id}>
                <span className={`run-status run-${run.status}`}>{RUN_STATUS[run.status]}</span>
                <span className="muted">
                  {" "}
                  · {run.trigger === "manual" ? "started by an admin" : "after new corrections"} · {timeAgo(run.createdAt)}
                </span>
                {run.message && <p>{run.message}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function RunProgress({ run }: { run: TrainingRun }) {
  return (
    <div className="run-progress">
      <label htmlFor="retrain-progress">{run.status === "queued" ? "Waiting for the trainer…" : `Training… ${percent(run.progress)}`}</label>
      <progress id="retrain-progress" max={1} value={run.status === "queued" ? undefined : run.progress} />
    </div>
  );
}

function CorrectionFigures({ data }: { data: ModelOverview }) {
  if (data.onCorrections.length === 0) {
    return <p className="muted">Nothing to measure yet: the figures appear once agents have corrected some labels.</p>;
  }
  return (
    <>
      <p className="muted">How the model in use labels the messages agents corrected (it may have learned from some of them).</p>
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">Case type</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">Corrections</th>
          </tr>
        </thead>
        <tbody>
          {data.onCorrections.map((row) => (
            <tr key={row.label}>
              <th scope="row">{LABEL_INFO[row.label].title}</th>
              <td>{percent(row.precision)}</td>
              <td>{percent(row.recall)}</td>
              <td>{row.support}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
