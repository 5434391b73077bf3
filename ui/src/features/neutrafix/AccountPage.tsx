// Account: sign up (company details, then registration and shareholder documents uploaded
// with progress), wait for verification, then log in with API Login and API Key (the key goes
// to the OS keyring). Login is offered only once the application is verified, or to a buyer
// who already has credentials.
import { useState } from "preact/hooks";

import type { AccountView } from "../../bindings/neutrafix/AccountView";
import type { DocumentKind } from "../../bindings/neutrafix/DocumentKind";
import type { SignupForm } from "../../bindings/neutrafix/SignupForm";
import type { InstallView } from "../../bindings/InstallView";
import { Alert } from "../../components/Alert";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { describeError } from "../../errors";
import { useAction } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { nxApi } from "./api";
import { useAccount } from "./shared";

const EMPTY_FORM: SignupForm = {
  company_name: "", registration_number: "", country: "", address: "", contact_name: "",
  email: "", phone: "",
};

export function AccountPage(_props: { install: InstallView }) {
  const [account, setAccount, loadError] = useAccount();
  const [signingUp, setSigningUp] = useState(false);
  // One address for both forms, typed once, shown once: null until the user edits it.
  const [typed, setTyped] = useState<string | null>(null);

  if (loadError !== null) {
    return <Alert>{loadError}</Alert>;
  }
  if (account === null) {
    return <p class="muted">Loading…</p>;
  }
  const status = account.state;
  const exchange = typed ?? account.exchange_url;
  const opening = status === "none" || status === "verified" || status === "rejected";
  return (
    <div class="nx nx-account" data-testid="nx-account">
      <header class="nx-account-head">
        <h2 class="section-title">NeuTrafix account</h2>
        <StateBadge account={account} />
        {account.is_sandbox && <Badge tone="warning">Sandbox exchange</Badge>}
      </header>
      {opening ? (
        <ExchangeField value={exchange} onInput={setTyped} />
      ) : (
        <p class="muted">Exchange: <span class="mono">{account.exchange_url}</span></p>
      )}
      {status === "logged_in" && <LoggedIn account={account} onChange={setAccount} />}
      {opening && <LoginPanel account={account} exchange={exchange} onChange={setAccount} />}
      {status === "none" && !signingUp && (
        <section class="nx-panel">
          <h3 class="nx-panel-title">New to NeuTrafix?</h3>
          <p class="muted">Companies sign up with their registration and shareholder documents.
            The login and API key are issued once the documents are verified.</p>
          <Button testId="nx-start-signup" onClick={() => setSigningUp(true)}>Sign up</Button>
        </section>
      )}
      {status === "none" && signingUp && (
        <SignupPanel exchange={exchange} onChange={setAccount} />
      )}
      {(status === "draft" || status === "pending" || status === "rejected") && (
        <ApplicationPanel account={account} onChange={setAccount} />
      )}
    </div>
  );
}

function StateBadge({ account }: { account: AccountView }) {
  const [tone, text] = {
    none: ["neutral", "Not signed up"],
    draft: ["warning", "Sign-up: documents needed"],
    pending: ["warning", "Pending verification"],
    rejected: ["warning", "Application rejected"],
    verified: ["success", "Verified: log in"],
    logged_in: ["success", "Logged in"],
  }[account.state] as ["neutral" | "warning" | "success", string];
  return <Badge tone={tone} testId="nx-account-state">{text}</Badge>;
}

function LoggedIn(props: { account: AccountView; onChange: (a: AccountView) => void }) {
  const action = useAction();
  const { notify } = useWorkspace();
  return (
    <section class="nx-panel" data-testid="nx-logged-in">
      <dl class="nx-facts">
        <dt>API Login</dt><dd class="mono" data-testid="nx-login-name">{props.account.api_login}</dd>
        <dt>Company</dt><dd>{props.account.company ?? "–"}</dd>
        <dt>API Key</dt><dd>Kept in the system keyring</dd>
        <dt>Platform carrier</dt>
        <dd class="mono" data-testid="nx-carrier">NeuTrafix (id {props.account.carrier_id ?? "–"})</dd>
      </dl>
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
      <Button busy={action.busy} testId="nx-log-out" onClick={() => void action.run(nxApi.logOut,
        (view) => { props.onChange(view); notify({ tone: "success", text: "Logged out of NeuTrafix." }); })}>
        Log out</Button>
    </section>
  );
}

/** The exchange's address as typed; empty means the account's own. */
function typedExchange(text: string): string | null {
  return text.trim() === "" ? null : text.trim();
}

/** Where the exchange answers, for logging in and for signing up alike: the account's own
 * address until the user types another (a real exchange for an account on the built-in
 * sandbox, or a test exchange for a real one). */
function ExchangeField(props: { value: string; onInput: (value: string) => void }) {
  return (
    <Field label="Exchange address"
      help="Where NeuTrafix answers, for logging in and signing up. On the built-in sandbox it is the sandbox's own exchange.">
      {(ids) => <input id={ids.input} class="input mono" value={props.value} autoComplete="off"
        spellcheck={false} data-testid="nx-exchange-url"
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)} />}
    </Field>
  );
}

function LoginPanel(props: {
  account: AccountView; exchange: string; onChange: (a: AccountView) => void;
}) {
  const [login, setLogin] = useState(props.account.api_login ?? "");
  const [key, setKey] = useState("");
  const action = useAction();
  const { notify } = useWorkspace();
  const submit = () => void action.run(
    () => nxApi.logIn({ api_login: login, exchange_url: typedExchange(props.exchange) }, key),
    (view) => {
      props.onChange(view);
      notify({ tone: "success", text: "Logged in to NeuTrafix; the NeuTrafix carrier is ready." });
    },
  );
  return (
    <form class="nx-panel" data-testid="nx-login" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h3 class="nx-panel-title">Log in</h3>
      {props.account.state === "verified" && (
        <Alert tone="info">Your documents were verified. The API key the exchange issued is in
          the keyring already: leave API Key empty to use it.</Alert>
      )}
      <div class="nx-form-row">
        <Field label="API Login" required>
          {(ids) => <input id={ids.input} class="input" value={login} autoComplete="off"
            data-testid="nx-api-login" onInput={(e) => setLogin((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="API Key" required={!props.account.key_saved}
          help={props.account.key_saved ? "Saved in the keyring; type a new one to replace it." : null}>
          {(ids) => <input id={ids.input} class="input" type="password" value={key}
            autoComplete="off" data-testid="nx-api-key"
            onInput={(e) => setKey((e.target as HTMLInputElement).value)} />}
        </Field>
      </div>
      {action.error !== null && (
        <div data-testid="nx-login-error"><Alert>{describeError(action.error)}</Alert></div>
      )}
      <Button type="submit" variant="primary" busy={action.busy} testId="nx-log-in">Log in</Button>
    </form>
  );
}

function SignupPanel(props: { exchange: string; onChange: (a: AccountView) => void }) {
  const [form, setForm] = useState<SignupForm>(EMPTY_FORM);
  const action = useAction();
  const field = (key: keyof SignupForm, label: string, required = true) => (
    <Field label={label} required={required}>
      {(ids) => <input id={ids.input} class="input" value={form[key]} data-testid={`nx-signup-${key}`}
        onInput={(e) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value })} />}
    </Field>
  );
  return (
    <form class="nx-panel" data-testid="nx-signup"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => nxApi.signUp(form, typedExchange(props.exchange)), props.onChange);
      }}>
      <h3 class="nx-panel-title">Sign up: company details</h3>
      <div class="nx-form-grid">
        {field("company_name", "Company name")}
        {field("registration_number", "Registration number")}
        {field("country", "Country")}
        {field("address", "Address", false)}
        {field("contact_name", "Contact name")}
        {field("email", "E-mail")}
        {field("phone", "Phone", false)}
      </div>
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
      <Button type="submit" variant="primary" busy={action.busy} testId="nx-signup-submit">
        Continue to documents</Button>
    </form>
  );
}

const KINDS: { kind: DocumentKind; title: string }[] = [
  { kind: "registration", title: "Company registration documents" },
  { kind: "shareholder", title: "Shareholder documents" },
];

function ApplicationPanel(props: { account: AccountView; onChange: (a: AccountView) => void }) {
  const application = props.account.application;
  const submitting = useAction();
  const checking = useAction();
  if (application === null) {
    return null;
  }
  const draft = props.account.state === "draft";
  return (
    <section class="nx-panel" data-testid="nx-application">
      <h3 class="nx-panel-title">Application {application.application_id}: {application.company_name}</h3>
      {props.account.state === "pending" && (
        <Alert tone="info">The documents are with NeuTrafix for verification. Login is offered
          once they are verified; check back here.</Alert>
      )}
      {props.account.state === "rejected" && (
        <Alert>The application was rejected{application.message ? `: ${application.message}` : "."}</Alert>
      )}
      {KINDS.map(({ kind, title }) => (
        <DocumentSlot key={kind} kind={kind} title={title} enabled={draft}
          documents={application.documents.filter((d) => d.kind === kind).map((d) => d.file_name)}
          onChange={props.onChange} />
      ))}
      {submitting.error !== null && <Alert>{describeError(submitting.error)}</Alert>}
      {checking.error !== null && <Alert>{describeError(checking.error)}</Alert>}
      <div class="nx-actions">
        {draft && (
          <Button variant="primary" busy={submitting.busy} testId="nx-submit-application"
            onClick={() => void submitting.run(nxApi.submitApplication, props.onChange)}>
            Send for verification</Button>
        )}
        {!draft && (
          <Button busy={checking.busy} testId="nx-check-application"
            onClick={() => void checking.run(nxApi.checkApplication, props.onChange)}>
            Check status</Button>
        )}
      </div>
    </section>
  );
}

function DocumentSlot(props: {
  kind: DocumentKind; title: string; enabled: boolean; documents: string[];
  onChange: (a: AccountView) => void;
}) {
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const upload = useAction();
  const send = (file: File) => void upload.run(async () => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    setProgress({ sent: 0, total: bytes.length });
    return nxApi.uploadDocument(props.kind, file.name, bytes, (p) => {
      if (p.kind === "uploading") {
        setProgress({ sent: p.sent, total: p.total });
      }
    });
  }, (view) => { setProgress(null); props.onChange(view); }, () => setProgress(null));
  const percent = progress === null || progress.total === 0 ? 0 : (100 * progress.sent) / progress.total;
  return (
    <div class={dragging ? "nx-drop is-dragging" : "nx-drop"} data-testid={`nx-doc-${props.kind}`}
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file !== undefined && props.enabled) {
          send(file);
        }
      }}>
      <div class="nx-drop-head">
        <strong>{props.title}</strong>
        <span class="muted">PDF, PNG or JPEG, up to 10 MB</span>
      </div>
      {props.documents.length > 0 && (
        <ul class="nx-doc-list">{props.documents.map((name) => <li key={name}>✓ {name}</li>)}</ul>
      )}
      {props.enabled && (
        <label class="nx-file">
          <input type="file" accept="application/pdf,image/png,image/jpeg" disabled={upload.busy}
            data-testid={`nx-file-${props.kind}`}
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file !== undefined) {
                send(file);
              }
              input.value = "";
            }} />
          <span>Choose a file or drop it here</span>
        </label>
      )}
      {progress !== null && (
        <div class="nx-progress" role="progressbar" aria-valuenow={Math.round(percent)}
          aria-valuemin={0} aria-valuemax={100}>
          <div class="nx-progress-bar" style={{ width: `${percent}%` }} />
          <span class="muted">{Math.round(percent)}%</span>
        </div>
      )}
      {upload.error !== null && <Alert>{describeError(upload.error)}</Alert>}
    </div>
  );
}
