// Auto Dial → Start: dial a saved list at a chosen pace, watch it go, pause, resume or stop
// it, read each number's outcome and export them. The job runs in the app's core, not in this
// page: leaving the page (or the app crashing) does not lose it.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";

import type { CallOutcome } from "../../bindings/autodial/CallOutcome";
import type { CallResult } from "../../bindings/autodial/CallResult";
import type { DialableList } from "../../bindings/autodial/DialableList";
import type { JobProgress } from "../../bindings/autodial/JobProgress";
import type { JobState } from "../../bindings/autodial/JobState";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Badge, type BadgeTone } from "../../components/Badge";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { describeError, formAlert, toAppError } from "../../errors";
import { href } from "../../router";
import { useAction, useFieldErrors } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { autodialApi } from "./api";

const CALLING_KEYS = ["customer_id", "server_alias", "extension", "cli"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const RESULTS_PAGE = 200;

/** The install's jobs, kept current by the progress channel. */
function useJobs(installId: string) {
  const [jobs, setJobs] = useState<JobProgress[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    autodialApi.jobs(installId).then(
      (list) => current && setJobs(list),
      (raw: unknown) => current && setError(describeError(toAppError(raw))),
    );
    void autodialApi.watch((job) => {
      if (current && job.install_id === installId) {
        setJobs((list) => upsertJob(list ?? [], job));
      }
    });
    return () => {
      current = false;
    };
  }, [installId]);
  const put = (job: JobProgress) => setJobs((list) => upsertJob(list ?? [], job));
  return { jobs, error, put };
}

function upsertJob(list: JobProgress[], job: JobProgress): JobProgress[] {
  const at = list.findIndex((item) => item.job_id === job.job_id);
  if (at < 0) {
    return [job, ...list];
  }
  const copy = list.slice();
  copy[at] = job;
  return copy;
}

function isActive(state: JobState): boolean {
  return state === "running" || state === "paused";
}

export function StartPage(props: { install: InstallView }) {
  const { install } = props;
  const workspace = useWorkspace();
  const training = workspace.session.profile.is_sandbox;
  const { jobs, error, put } = useJobs(install.id);
  const unconfigured = CALLING_KEYS.filter((key) => (install.values[key] ?? "") === "");
  const active = jobs?.find((job) => isActive(job.state) || job.in_progress > 0) ?? null;
  // The job in progress, else the last one, stays on top with its results.
  const latest = active ?? jobs?.[0] ?? null;
  const older = (jobs ?? []).filter((job) => job !== latest);

  return (
    <div class="autodial-start" data-testid="autodial-start">
      {training && (
        <Alert tone="info">
          <b>Training mode.</b> You are on the built-in sandbox: everything works as it would on
          your account, but the calls are simulated and <b>no real call is placed</b>.
        </Alert>
      )}
      {unconfigured.length > 0 && (
        <Alert tone="warning">
          This install is not configured yet.{" "}
          <a href={href({ name: "install", installId: install.id, page: "config" })}>
            Fill in the Config page</a> before starting a job.
        </Alert>
      )}
      {error !== null && <Alert>{error}</Alert>}
      {latest !== null && <JobPanel key={latest.job_id} job={latest} onChange={put} />}
      {active === null && jobs !== null && (
        <NewJobForm install={install} disabled={unconfigured.length > 0} onStarted={put} />
      )}
      {older.length > 0 && (
        <section class="autodial-past">
          <h2 class="section-title">Earlier jobs</h2>
          {older.map((job) => <JobPanel key={job.job_id} job={job} onChange={put} compact />)}
        </section>
      )}
    </div>
  );
}

/** The figures the form starts from: the install's own max_cps when it has one. */
function defaultCps(install: InstallView): string {
  const saved = Number(install.values["max_cps"] ?? "");
  return Number.isInteger(saved) && saved >= 1 && saved <= 50 ? String(saved) : "5";
}

function NewJobForm(props: {
  install: InstallView;
  disabled: boolean;
  onStarted: (job: JobProgress) => void;
}) {
  const { install } = props;
  const [lists, setLists] = useState<DialableList[] | null>(null);
  const [listId, setListId] = useState("");
  const [cps, setCps] = useState(() => defaultCps(install));
  const [concurrent, setConcurrent] = useState("10");
  const [useWindow, setUseWindow] = useState(false);
  const [start, setStart] = useState("09:00");
  const [end, setEnd] = useState("17:00");
  const [days, setDays] = useState<number[]>([0, 1, 2, 3, 4]);
  const [zone, setZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [dnc, setDnc] = useState("");
  const [dncCountry, setDncCountry] = useState("");
  const action = useAction();
  const { errors, edited } = useFieldErrors(action.error);

  useEffect(() => {
    autodialApi.lists(install.id).then((found) => {
      setLists(found);
      setListId((chosen) => chosen || (found[0] ? String(found[0].id) : ""));
    }, () => setLists([]));
  }, [install.id]);

  const submit = () => {
    const request = {
      install_id: install.id,
      list_id: Number(listId),
      cps: Number(cps),
      max_concurrent: Number(concurrent),
      window: useWindow ? { start, end, days, time_zone: zone.trim() || null } : null,
      do_not_call: dnc,
      do_not_call_country: dncCountry.trim() === "" ? null : dncCountry.trim().toUpperCase(),
    };
    void action.run(() => autodialApi.start(request), props.onStarted);
  };

  if (lists !== null && lists.length === 0) {
    return (
      <EmptyState icon="box" title="No number list yet"
        actions={<a href={href({ name: "install", installId: install.id, page: "numbers" })}>
          Go to Set Numbers</a>}>
        Save a list of numbers on the Set Numbers page, then come back to dial it.
      </EmptyState>
    );
  }
  const toggleDay = (day: number) =>
    setDays((all) => (all.includes(day) ? all.filter((d) => d !== day) : [...all, day].sort()));
  const alert = formAlert(action.error, ["cps", "max_concurrent", "window", "do_not_call"]);
  return (
    <form class="autodial-card" data-testid="autodial-new-job"
      onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <h2 class="autodial-card-title">New dial job</h2>
      <div class="autodial-grid">
        <Field label="Number list" required>
          {(ids) => (
            <select id={ids.input} class="input" value={listId} data-testid="autodial-list"
              onChange={(event) => setListId(event.currentTarget.value)}>
              {(lists ?? []).map((list) => (
                <option key={list.id} value={String(list.id)}>
                  {list.name} · {list.numbers.toLocaleString()} numbers
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Calls per second" required help="1 to 50."
          error={errors["cps"]}>
          {(ids) => (
            <input id={ids.input} class={ids.invalid ? "input is-invalid" : "input"}
              inputMode="numeric" value={cps} data-testid="autodial-cps"
              aria-describedby={ids.describedBy}
              onInput={(event) => { edited("cps"); setCps(event.currentTarget.value); }} />
          )}
        </Field>
        <Field label="Calls at once" required help="1 to 500 calls in progress together."
          error={errors["max_concurrent"]}>
          {(ids) => (
            <input id={ids.input} class={ids.invalid ? "input is-invalid" : "input"}
              inputMode="numeric" value={concurrent} data-testid="autodial-concurrent"
              aria-describedby={ids.describedBy}
              onInput={(event) => {
                edited("max_concurrent");
                setConcurrent(event.currentTarget.value);
              }} />
          )}
        </Field>
      </div>

      <p class="muted" data-testid="autodial-shared-pace">
        The pace is shared by all running jobs of this app: while one runs, another starts only
        at the same calls per second and calls at once.
      </p>

      <fieldset class="autodial-fieldset">
        <label class="autodial-check">
          <input type="checkbox" checked={useWindow} data-testid="autodial-use-window"
            onChange={(event) => setUseWindow(event.currentTarget.checked)} />
          Only call within a calling window
        </label>
        {useWindow && (
          <div class="autodial-window">
            <label>From <input class="input input-time" type="time" value={start}
              onInput={(event) => setStart(event.currentTarget.value)} /></label>
            <label>to <input class="input input-time" type="time" value={end}
              onInput={(event) => setEnd(event.currentTarget.value)} /></label>
            <span class="autodial-days" role="group" aria-label="Days">
              {DAYS.map((name, day) => (
                <label key={name} class={days.includes(day) ? "day is-on" : "day"}>
                  <input type="checkbox" checked={days.includes(day)}
                    onChange={() => toggleDay(day)} />{name}
                </label>
              ))}
            </span>
            <label>Time zone <input class="input input-zone" value={zone}
              placeholder="Europe/London" onInput={(event) => setZone(event.currentTarget.value)} />
            </label>
          </div>
        )}
        {errors["window"] !== undefined && <p class="field-error">{errors["window"]}</p>}
      </fieldset>

      <div class="autodial-grid autodial-grid-dnc">
        <Field label="Do not call" help="Numbers never to dial, one per line, any format."
          error={errors["do_not_call"]}>
          {(ids) => (
            <textarea id={ids.input} class={ids.invalid ? "input textarea is-invalid" : "input textarea"}
              rows={3} value={dnc} data-testid="autodial-dnc" spellcheck={false}
              aria-describedby={ids.describedBy} placeholder="+44 7400 123456"
              onInput={(event) => { edited("do_not_call"); setDnc(event.currentTarget.value); }} />
          )}
        </Field>
        <Field label="Country for national numbers" help="Two letters, e.g. GB; blank for none.">
          {(ids) => (
            <input id={ids.input} class="input" value={dncCountry} maxLength={2}
              onInput={(event) => setDncCountry(event.currentTarget.value)} />
          )}
        </Field>
      </div>
      {alert !== null && <Alert>{alert}</Alert>}
      <div class="autodial-actions">
        <Button type="submit" variant="primary" busy={action.busy}
          disabled={props.disabled || listId === ""} testId="autodial-start-job">Start</Button>
      </div>
    </form>
  );
}

const STATE_LABEL: Record<JobState, [string, BadgeTone]> = {
  running: ["Running", "accent"],
  paused: ["Paused", "warning"],
  stopped: ["Stopped", "neutral"],
  finished: ["Finished", "success"],
};

function duration(seconds: number | null): string {
  if (seconds === null) {
    return "—";
  }
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${seconds % 60} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function JobPanel(props: { job: JobProgress; onChange: (job: JobProgress) => void; compact?: boolean }) {
  const { job } = props;
  const workspace = useWorkspace();
  const control = useAction();
  const exporting = useAction();
  const [showResults, setShowResults] = useState(props.compact !== true);
  const done = job.answered + job.busy + job.no_answer + job.failed + job.skipped;
  const percent = job.total === 0 ? 100 : Math.round((done / job.total) * 1000) / 10;
  const [label, tone] = STATE_LABEL[job.state];

  const act = (task: () => Promise<JobProgress>) => void control.run(task, props.onChange);
  const exportCsv = () => void exporting.run(() => autodialApi.exportCsv(job.job_id), (path) => {
    workspace.notify({ tone: "success", text: `Exported the results to ${path}` });
  });

  return (
    <section class={props.compact === true ? "autodial-card is-compact" : "autodial-card"}
      data-testid="autodial-job" data-state={job.state}>
      <div class="autodial-job-head">
        <div>
          <h2 class="autodial-card-title">{job.list_name}</h2>
          <p class="muted">
            {job.total.toLocaleString()} numbers · {job.cps}/s, up to {job.max_concurrent} at once
            {job.window !== null && ` · ${job.window.start}–${job.window.end}`}
            {job.do_not_call > 0 && ` · ${job.do_not_call} on do-not-call`}
          </p>
        </div>
        <Badge tone={tone} testId="autodial-job-state">{label}</Badge>
      </div>
      <div class="autodial-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={percent} aria-label="Numbers done">
        <span class="autodial-bar-done" style={{ width: `${percent}%` }} />
      </div>
      <dl class="autodial-figures" data-testid="autodial-figures">
        <Figure name="Dialled" value={job.dialled} />
        <Figure name="In progress" value={job.in_progress} />
        <Figure name="Answered" value={job.answered} tone="success" />
        <Figure name="Busy" value={job.busy} />
        <Figure name="No answer" value={job.no_answer} />
        <Figure name="Failed" value={job.failed} tone="danger" />
        <Figure name="Remaining" value={job.remaining} />
        <Figure name="Rate" value={job.state === "running" ? `${job.rate.toFixed(1)}/s` : "—"} />
        <Figure name="Time left" value={duration(job.seconds_left)} />
      </dl>
      {job.waiting !== null && <p class="autodial-waiting" data-testid="autodial-waiting">{job.waiting}</p>}
      {control.error !== null && <Alert>{describeError(control.error)}</Alert>}
      <div class="autodial-actions">
        {job.state === "running" && (
          <Button busy={control.busy} testId="autodial-pause"
            onClick={() => act(() => autodialApi.pause(job.job_id))}>Pause</Button>
        )}
        {job.state === "paused" && (
          <Button variant="primary" busy={control.busy} testId="autodial-resume"
            onClick={() => act(() => autodialApi.resume(job.job_id))}>Resume</Button>
        )}
        {isActive(job.state) && (
          <Button variant="danger" busy={control.busy} testId="autodial-stop"
            onClick={() => act(() => autodialApi.stop(job.job_id))}>Stop</Button>
        )}
        <Button busy={exporting.busy} testId="autodial-export"
          onClick={exportCsv}>Export CSV</Button>
        <Button variant="ghost" onClick={() => setShowResults((shown) => !shown)}
          testId="autodial-toggle-results">{showResults ? "Hide results" : "Show results"}</Button>
      </div>
      {exporting.error !== null && <Alert>{describeError(exporting.error)}</Alert>}
      {showResults && <ResultsTable job={job} />}
    </section>
  );
}

function Figure(props: { name: string; value: number | string; tone?: "success" | "danger" }) {
  const value = typeof props.value === "number" ? props.value.toLocaleString() : props.value;
  return (
    <div class={props.tone === undefined ? "figure" : `figure is-${props.tone}`}>
      <dt>{props.name}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const OUTCOME_LABEL: Record<CallOutcome, string> = {
  answered: "Answered",
  busy: "Busy",
  no_answer: "No answer",
  failed: "Failed",
  do_not_call: "Do not call",
};

function statusOf(result: CallResult): string {
  if (result.outcome !== null) {
    return OUTCOME_LABEL[result.outcome];
  }
  switch (result.state) {
    case "placing":
      return "Placing…";
    case "placed":
      return "In progress";
    case "deferred":
      return "Waiting to retry";
    default:
      return "Not dialled";
  }
}

/** The first numbers' results, refreshed while the job moves (at most once a second). */
function ResultsTable(props: { job: JobProgress }) {
  const { job } = props;
  const [rows, setRows] = useState<CallResult[] | null>(null);
  const [limit, setLimit] = useState(RESULTS_PAGE);
  const last = useRef(0);
  const moved = useMemo(
    () => `${job.dialled}:${job.in_progress}:${job.answered + job.busy + job.no_answer + job.failed}:${job.state}`,
    [job],
  );
  useEffect(() => {
    let current = true;
    const wait = Math.max(0, 1000 - (Date.now() - last.current));
    const timer = window.setTimeout(() => {
      last.current = Date.now();
      autodialApi.results(job.job_id, 0, limit).then((found) => current && setRows(found), () => {});
    }, wait);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [job.job_id, moved, limit]);

  if (rows === null) {
    return <p class="muted">Loading the results…</p>;
  }
  return (
    <div class="table-wrap autodial-results">
      <table class="table" data-testid="autodial-results">
        <thead>
          <tr>
            <th class="num">#</th><th>Number</th><th>Outcome</th><th>Why</th>
            <th class="num">Talk</th><th>Call ID</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.number} class={`outcome-${row.outcome ?? row.state}`}>
              <td class="num">{row.number}</td>
              <td class="mono">{row.e164}</td>
              <td>{statusOf(row)}{row.deferrals > 0 && <span class="muted"> · {row.deferrals}× deferred</span>}</td>
              <td>{row.reason ?? ""}</td>
              <td class="num">
                {row.outcome === "answered" && row.talk_seconds !== null
                  ? `${row.talk_seconds.toFixed(0)} s` : ""}
              </td>
              <td class="mono muted">{row.call_id ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === limit && limit < job.total && (
        <Button variant="ghost" onClick={() => setLimit((n) => n + RESULTS_PAGE)}>
          Show {Math.min(RESULTS_PAGE, job.total - limit)} more
        </Button>
      )}
    </div>
  );
}
