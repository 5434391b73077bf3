// Auto Dial → Set Numbers: paste numbers or import a file (dialog or drop), read the summary
// (accepted, duplicates, rejected by reason, the first problem lines), choose the column when a
// table has several, save; then the install's saved lists with their counts.
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useRef, useState } from "preact/hooks";

import type { AppError } from "../../bindings/AppError";
import type { InstallView } from "../../bindings/InstallView";
import type { Column } from "../../bindings/numbers/Column";
import type { Entry } from "../../bindings/numbers/Entry";
import type { ListInfo } from "../../bindings/numbers/ListInfo";
import type { ListPreview } from "../../bindings/numbers/ListPreview";
import type { ListSource } from "../../bindings/numbers/ListSource";
import type { ReadOptions } from "../../bindings/numbers/ReadOptions";
import type { Reason } from "../../bindings/numbers/Reason";
import type { ReasonCount } from "../../bindings/numbers/ReasonCount";
import type { Summary } from "../../bindings/numbers/Summary";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { describeError, toAppError } from "../../errors";
import { useAction } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { listsApi } from "./listsApi";

/** Words for each reason, as the summary lists them. */
const REASONS: Record<Reason, string> = {
  letters: "Contains a letter",
  extension: "Has an extension",
  excel_scientific: "Excel scientific notation (digits lost)",
  national_without_country: "National number, no country",
  too_short: "Too short",
  too_long: "Too long",
  invalid_for_country: "Not valid for its country",
  unknown_country_code: "Unknown country code",
  symbols: "Symbols that are not part of a number",
  not_a_number: "Not a number",
};

/** Countries offered for national numbers (ISO code, name). */
const COUNTRIES: [string, string][] = [
  ["AU", "Australia"], ["AT", "Austria"], ["BE", "Belgium"], ["BR", "Brazil"], ["CA", "Canada"],
  ["DK", "Denmark"], ["FI", "Finland"], ["FR", "France"], ["DE", "Germany"], ["IN", "India"],
  ["IE", "Ireland"], ["IT", "Italy"], ["JP", "Japan"], ["MX", "Mexico"], ["NL", "Netherlands"],
  ["NZ", "New Zealand"], ["NG", "Nigeria"], ["NO", "Norway"], ["PH", "Philippines"],
  ["PL", "Poland"], ["PT", "Portugal"], ["ZA", "South Africa"], ["ES", "Spain"], ["SE", "Sweden"],
  ["CH", "Switzerland"], ["AE", "United Arab Emirates"], ["GB", "United Kingdom"],
  ["US", "United States"],
];

function describeEntry(entry: Entry): string {
  switch (entry.kind) {
    case "rejected":
      return REASONS[entry.reason];
    case "duplicate":
      return `Duplicate of line ${entry.first_line} (${entry.e164})`;
    default:
      return "Accepted";
  }
}

function entryText(entry: Entry): string {
  return entry.kind === "rejected" ? entry.text : entry.e164;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function count(n: number): string {
  return n.toLocaleString("en-GB");
}

export function NumbersPage(props: { install: InstallView }) {
  const { install } = props;
  const [lists, setLists] = useState<ListInfo[] | null>(null);
  const [listsError, setListsError] = useState<string | null>(null);

  const reload = () =>
    listsApi.lists(install.id).then(
      (found) => setLists(found),
      (raw: unknown) => setListsError(describeError(toAppError(raw))),
    );
  useEffect(() => {
    void reload();
  }, [install.id]);

  return (
    <div class="autodial-numbers" data-testid="autodial-numbers">
      <p class="autodial-lead">
        Paste one number per line, or import a text, CSV or Excel/LibreOffice file. Every line is
        checked and written in international (E.164) form before anything is saved.
      </p>
      <ImportCard install={install} onSaved={() => void reload()} />
      <section class="numbers-saved">
        <h2 class="section-title">Saved lists</h2>
        {listsError !== null && <Alert>{listsError}</Alert>}
        {lists !== null && lists.length === 0 && (
          <EmptyState icon="box" title="No list yet">
            Lists you save here can be dialled from the Start page.
          </EmptyState>
        )}
        {lists !== null && lists.length > 0 && (
          <SavedLists install={install} lists={lists} onChanged={() => void reload()} />
        )}
      </section>
    </div>
  );
}

/**
 * Runs a check each time the input changes and keeps only the answer to the latest one, so a
 * slow answer to older text never replaces the summary of what is in the box now.
 */
function useLatest<T>() {
  const latest = useRef(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = (task: () => Promise<T>, onDone: (answer: T) => void, onFail: () => void) => {
    const id = ++latest.current;
    setBusy(true);
    task().then(
      (answer) => {
        if (id === latest.current) {
          setBusy(false);
          setError(null);
          onDone(answer);
        }
      },
      (raw: unknown) => {
        if (id === latest.current) {
          setBusy(false);
          setError(toAppError(raw));
          onFail();
        }
      },
    );
  };
  const forget = () => {
    latest.current += 1;
    setBusy(false);
    setError(null);
  };
  return { busy, error, run, forget };
}

/** Paste or file, default country, the summary, save. */
function ImportCard(props: { install: InstallView; onSaved: () => void }) {
  const { install } = props;
  const { notify } = useWorkspace();
  const [text, setText] = useState("");
  const [path, setPath] = useState<string | null>(null);
  const [country, setCountry] = useState("");
  const [column, setColumn] = useState<number | null>(null);
  const [name, setName] = useState("");
  const [preview, setPreview] = useState<ListPreview | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const checking = useLatest<ListPreview>();
  const saving = useAction();
  const exporting = useAction();

  const source: ListSource | null =
    path !== null ? { kind: "file", path } : text.trim() !== "" ? { kind: "pasted", text } : null;
  const options: ReadOptions = { default_country: country === "" ? null : country, column };

  const check = (from: ListSource | null, with_: ReadOptions) => {
    if (from === null) {
      checking.forget();
      setPreview(null);
      return;
    }
    checking.run(() => listsApi.preview(from, with_), setPreview, () => setPreview(null));
  };

  // Pasted text is checked shortly after typing stops; a file as soon as it is chosen.
  useEffect(() => {
    const timer = window.setTimeout(() => check(source, options), path === null ? 400 : 0);
    return () => window.clearTimeout(timer);
  }, [text, path, country, column]);

  useEffect(() => {
    let stop: (() => void) | null = null;
    void getCurrentWebview()
      .onDragDropEvent((event) => {
        const kind = event.payload.type;
        setDragging(kind === "enter" || kind === "over");
        if (kind === "drop" && event.payload.paths.length > 0) {
          takeFile(event.payload.paths[0] ?? null);
        }
      })
      .then((unlisten) => {
        stop = unlisten;
      }, () => undefined);
    return () => stop?.();
  }, []);

  const takeFile = (picked: string | null) => {
    if (picked !== null) {
      setPath(picked);
      setColumn(null);
      setName((current) => (current === "" ? fileName(picked) : current));
    }
  };

  const pick = () => void listsApi.pickFile().then(takeFile, () => undefined);

  const clear = () => {
    setText("");
    setPath(null);
    setColumn(null);
    setName("");
    setPreview(null);
  };

  const save = () => {
    if (source === null) {
      return;
    }
    const listName = name.trim() !== "" ? name.trim() : path !== null ? fileName(path) : "Pasted list";
    setProgress(0);
    void saving.run(
      () =>
        listsApi.save(install.id, listName, source, options, (p) =>
          setProgress(p.total > 0 ? p.done / p.total : 0),
        ),
      (saved) => {
        setProgress(null);
        notify({ tone: "success", text: `Saved "${saved.name}": ${count(saved.accepted)} numbers.` });
        clear();
        props.onSaved();
      },
      () => setProgress(null),
    );
  };

  const exportRejected = () => {
    if (source === null) {
      return;
    }
    void exporting.run(
      () => listsApi.exportRejected(install.id, { source, options }),
      (written) => written !== null && notify({ tone: "success", text: `Rejected lines saved to ${written}.` }),
    );
  };

  const summary = preview?.kind === "read" ? preview.summary : null;
  const canSave = summary !== null && summary.accepted > 0 && !checking.busy;

  return (
    <section class="autodial-card numbers-import">
      <h2 class="autodial-card-title">Add a list</h2>
      <div class="numbers-source">
        <Field label="Paste numbers" help="One number per line; blank lines are skipped.">
          {(ids) => (
            <textarea
              id={ids.input}
              class="input textarea numbers-paste"
              rows={7}
              value={text}
              disabled={path !== null || saving.busy}
              placeholder={"+44 7400 123456\n+1 (202) 555-0147\n0032 470 12 34 56"}
              data-testid="numbers-paste"
              onInput={(e) => setText(e.currentTarget.value)}
            />
          )}
        </Field>
        <div
          class={dragging ? "numbers-drop is-dragging" : "numbers-drop"}
          data-testid="numbers-drop"
        >
          {path === null ? (
            <>
              <p class="numbers-drop-title">Drop a file here</p>
              <p class="muted">.txt, .csv, .xlsx, .xls or .ods</p>
              <Button icon="plus" onClick={pick} disabled={saving.busy} testId="numbers-pick">
                Import file…
              </Button>
              <FilePathInput onUse={takeFile} />
            </>
          ) : (
            <>
              <p class="numbers-drop-title" data-testid="numbers-file">{fileName(path)}</p>
              <p class="muted numbers-path">{path}</p>
              <Button size="sm" variant="ghost" onClick={clear} disabled={saving.busy}>
                Use another file
              </Button>
            </>
          )}
        </div>
      </div>

      <div class="numbers-options">
        <Field label="Default country" help="For numbers written without + or 00.">
          {(ids) => (
            <select
              id={ids.input}
              class="input"
              value={country}
              data-testid="numbers-country"
              onChange={(e) => setCountry(e.currentTarget.value)}
            >
              <option value="">None: refuse national numbers</option>
              {COUNTRIES.map(([code, label]) => (
                <option key={code} value={code}>{label} ({code})</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="List name">
          {(ids) => (
            <input
              id={ids.input}
              class="input"
              value={name}
              placeholder={path !== null ? fileName(path) : "Pasted list"}
              data-testid="numbers-name"
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>

      {checking.error !== null && <Alert>{describeError(checking.error)}</Alert>}
      {checking.busy && <p class="muted" role="status">Checking the list…</p>}
      {preview?.kind === "choose_column" && (
        <ColumnChooser columns={preview.columns} onChoose={setColumn} />
      )}
      {summary !== null && preview?.kind === "read" && (
        <SummaryView summary={summary} problems={preview.problems} onColumn={setColumn} />
      )}

      {saving.error !== null && <Alert>{describeError(saving.error)}</Alert>}
      {progress !== null && (
        <div class="numbers-progress" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
          <span style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      )}
      <div class="autodial-actions">
        <Button variant="primary" busy={saving.busy} disabled={!canSave} onClick={save} testId="numbers-save">
          {summary !== null && summary.accepted > 0 ? `Save ${count(summary.accepted)} numbers` : "Save list"}
        </Button>
        <Button
          busy={exporting.busy}
          disabled={summary === null || summary.rejected === 0 || saving.busy}
          onClick={exportRejected}
          testId="numbers-export-preview"
        >
          Save rejected lines as CSV
        </Button>
        {source !== null && (
          <Button variant="ghost" disabled={saving.busy} onClick={clear} testId="numbers-clear">
            Clear
          </Button>
        )}
      </div>
    </section>
  );
}

/** For keyboards and tests: a path typed in place of the dialog. */
function FilePathInput(props: { onUse: (path: string) => void }) {
  const [typed, setTyped] = useState("");
  return (
    <form
      class="numbers-path-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed.trim() !== "") {
          props.onUse(typed.trim());
        }
      }}
    >
      <input
        class="input"
        aria-label="File path"
        placeholder="or type a file path"
        value={typed}
        data-testid="numbers-path"
        onInput={(e) => setTyped(e.currentTarget.value)}
      />
      <Button size="sm" type="submit" testId="numbers-path-use">Open</Button>
    </form>
  );
}

function ColumnChooser(props: { columns: Column[]; onChoose: (index: number) => void }) {
  return (
    <div class="numbers-columns" data-testid="numbers-columns">
      <Alert tone="warning">
        Several columns could hold the numbers. Choose the one to import.
      </Alert>
      <div class="numbers-column-grid">
        {props.columns.map((column) => (
          <button
            type="button"
            key={column.index}
            class="numbers-column"
            data-testid={`numbers-column-${column.index}`}
            onClick={() => props.onChoose(column.index)}
          >
            <b>{column.header ?? `Column ${column.index + 1}`}</b>
            {column.samples.map((sample) => <span class="mono" key={sample}>{sample}</span>)}
          </button>
        ))}
      </div>
    </div>
  );
}

function SummaryView(props: { summary: Summary; problems: Entry[]; onColumn: (i: number) => void }) {
  const { summary, problems } = props;
  const layout = summary.layout;
  return (
    <div class="numbers-summary" data-testid="numbers-summary">
      <div class="numbers-figures">
        <Figure label="Accepted" value={summary.accepted} tone="good" testId="numbers-accepted" />
        <Figure label="Duplicates dropped" value={summary.duplicates} testId="numbers-duplicates" />
        <Figure label="Rejected" value={summary.rejected} tone={summary.rejected > 0 ? "bad" : undefined} testId="numbers-rejected" />
        <Figure label="Blank lines skipped" value={summary.blank} testId="numbers-blank" />
      </div>
      <p class="muted numbers-layout" data-testid="numbers-layout">
        {count(summary.lines)} {summary.lines === 1 ? "line" : "lines"} · {layout.format.toUpperCase()}
        {layout.encoding !== null && ` · ${layout.encoding}`}
        {layout.delimiter !== null && ` · delimiter ${layout.delimiter}`}
        {layout.header && " · header row skipped"}
      </p>
      {layout.columns.length > 1 && (
        <label class="numbers-column-pick">
          Numbers read from column{" "}
          <select
            class="input input-inline"
            value={layout.column ?? 0}
            onChange={(e) => props.onColumn(Number(e.currentTarget.value))}
          >
            {layout.columns.map((c) => (
              <option key={c.index} value={c.index}>
                {c.header ?? `Column ${c.index + 1}`} {c.samples[0] !== undefined ? `(${c.samples[0]})` : ""}
              </option>
            ))}
          </select>
        </label>
      )}
      {summary.by_reason.length > 0 && <ReasonList reasons={summary.by_reason} />}
      {problems.length > 0 && <ProblemTable problems={problems} total={summary.rejected + summary.duplicates} />}
    </div>
  );
}

function Figure(props: { label: string; value: number; tone?: "good" | "bad" | undefined; testId: string }) {
  return (
    <div class={`numbers-figure ${props.tone !== undefined ? `is-${props.tone}` : ""}`}>
      <span class="numbers-figure-value" data-testid={props.testId}>{count(props.value)}</span>
      <span class="numbers-figure-label">{props.label}</span>
    </div>
  );
}

function ReasonList(props: { reasons: ReasonCount[] }) {
  return (
    <ul class="numbers-reasons" data-testid="numbers-reasons">
      {props.reasons.map((r) => (
        <li key={r.reason}>
          <span>{REASONS[r.reason]}</span>
          <b>{count(r.count)}</b>
        </li>
      ))}
    </ul>
  );
}

function ProblemTable(props: { problems: Entry[]; total: number }) {
  return (
    <div class="table-wrap numbers-problems">
      <table class="table" data-testid="numbers-problems">
        <thead>
          <tr><th>Line</th><th>Text</th><th>Why</th></tr>
        </thead>
        <tbody>
          {props.problems.map((entry) => (
            <tr key={entry.line}>
              <td class="mono">{entry.line}</td>
              <td class="mono">{entryText(entry)}</td>
              <td>{describeEntry(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.total > props.problems.length && (
        <p class="muted">
          The first {props.problems.length} of {count(props.total)} lines not imported are shown;
          save the rejected lines as CSV to see them all.
        </p>
      )}
    </div>
  );
}

function SavedLists(props: { install: InstallView; lists: ListInfo[]; onChanged: () => void }) {
  const { notify } = useWorkspace();
  const [deleting, setDeleting] = useState<ListInfo | null>(null);
  const removing = useAction();
  const exporting = useAction();

  const exportRejected = (list: ListInfo) =>
    void exporting.run(
      () => listsApi.exportRejected(props.install.id, { listId: list.id }),
      (written) => written !== null && notify({ tone: "success", text: `Rejected lines saved to ${written}.` }),
    );

  const remove = () => {
    if (deleting === null) {
      return;
    }
    void removing.run(
      () => listsApi.remove(props.install.id, deleting.id),
      () => {
        notify({ tone: "success", text: `Deleted "${deleting.name}".` });
        setDeleting(null);
        props.onChanged();
      },
    );
  };

  return (
    <div class="table-wrap">
      {exporting.error !== null && <Alert>{describeError(exporting.error)}</Alert>}
      <table class="table" data-testid="numbers-lists">
        <thead>
          <tr>
            <th>Name</th><th>Source</th><th>Imported</th><th class="num">Numbers</th>
            <th class="num">Duplicates</th><th class="num">Rejected</th><th />
          </tr>
        </thead>
        <tbody>
          {props.lists.map((list) => (
            <tr key={list.id} data-testid="numbers-list-row">
              <td><b>{list.name}</b></td>
              <td class="muted">{list.source}</td>
              <td class="muted">{new Date(list.created_at).toLocaleString("en-GB")}</td>
              <td class="num" data-testid="numbers-list-accepted">{count(list.accepted)}</td>
              <td class="num">{count(list.duplicates)}</td>
              <td class="num">{count(list.rejected)}</td>
              <td class="numbers-row-actions">
                <Button size="sm" variant="ghost" disabled={list.rejected === 0} busy={exporting.busy}
                  onClick={() => exportRejected(list)}>
                  Rejected CSV
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setDeleting(list)} testId="numbers-list-delete">
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleting !== null && (
        <Dialog
          title={`Delete "${deleting.name}"?`}
          subtitle={`${count(deleting.accepted)} numbers`}
          busy={removing.busy}
          size="sm"
          onClose={() => setDeleting(null)}
          onSubmit={remove}
          testId="numbers-delete-dialog"
          footer={
            <>
              <Button onClick={() => setDeleting(null)} disabled={removing.busy}>Cancel</Button>
              <Button type="submit" variant="danger" busy={removing.busy} testId="numbers-delete-confirm">
                Delete list
              </Button>
            </>
          }
        >
          <p>The list and its numbers are removed from this computer. This cannot be undone.</p>
          {removing.error !== null && <Alert>{describeError(removing.error)}</Alert>}
        </Dialog>
      )}
    </div>
  );
}
