// Sign in: a saved account, a real account by its base URL and login, or the built-in
// sandbox. The password is used once and never stored.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

import { api } from "../api";
import type { AccountForm } from "../bindings/AccountForm";
import type { AppError } from "../bindings/AppError";
import type { Profile } from "../bindings/Profile";
import type { SessionView } from "../bindings/SessionView";
import { Alert } from "../components/Alert";
import { Button, Spinner } from "../components/Button";
import { Field, type FieldIds } from "../components/Field";
import { Icon } from "../components/Icon";
import { describeError, formAlert, toAppError } from "../errors";
import { useAction, useFieldErrors } from "../state/action";

const FORM_FIELDS = ["name", "base_url", "login", "password"];
const BASE_URL_EXAMPLE = "https://app.connexcs.com/api/cp/";
const EMPTY_FORM: AccountForm = { name: "", base_url: "", login: "" };

export interface SignInProps {
  /** Why the sign-in screen is shown, when it is because something failed. */
  reason: AppError | null;
  onSession: (session: SessionView) => void;
  /** Present when a session is open: goes back to it. */
  onCancel: (() => void) | null;
}

type OnSession = (session: SessionView) => void;

function sandboxFirst(profiles: Profile[]): Profile[] {
  return [...profiles].sort((a, b) => {
    if (a.is_sandbox !== b.is_sandbox) {
      return a.is_sandbox ? -1 : 1;
    }
    return (b.last_used_at ?? "").localeCompare(a.last_used_at ?? "");
  });
}

function formOf(profile: Profile): AccountForm {
  return { name: profile.name, base_url: profile.base_url, login: profile.login };
}

function useProfiles(): { profiles: Profile[] | null; error: AppError | null } {
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    api.profilesList().then(
      (all) => setProfiles(sandboxFirst(all)),
      (raw: unknown) => setError(toAppError(raw)),
    );
  }, []);
  return { profiles, error };
}

function ProfileButton(props: { profile: Profile; busy: boolean; disabled: boolean;
  onPick: () => void }) {
  const { profile } = props;
  return (
    <button type="button" class="profile" disabled={props.disabled} aria-busy={props.busy}
      onClick={props.onPick}>
      <Icon name={profile.is_sandbox ? "box" : "user"} />
      <span class="profile-text">
        <span class="profile-name">{profile.is_sandbox ? "Built-in sandbox" : profile.name}</span>
        <span class="profile-sub">
          {profile.is_sandbox ? "Training data, on this computer"
            : `${profile.login} · ${profile.base_url}`}
        </span>
      </span>
      {props.busy ? <Spinner small /> : <Icon name="arrow" />}
    </button>
  );
}

function SavedAccounts(props: { profiles: Profile[] | null; loadError: AppError | null;
  onSession: OnSession; onNeedsPassword: (profile: Profile) => void }) {
  const [picked, setPicked] = useState<number | null>(null);
  const action = useAction();

  const resume = (profile: Profile) => {
    setPicked(profile.id);
    void action.run(() => api.resumeProfile(profile.id), props.onSession, (error) => {
      if (error.code === "signed_out") {
        props.onNeedsPassword(profile);
      }
    });
  };

  if (props.loadError !== null) {
    return <Alert>{describeError(props.loadError)}</Alert>;
  }
  if (props.profiles === null) {
    return <p class="muted"><Spinner small /> Loading saved accounts…</p>;
  }
  if (props.profiles.length === 0) {
    return <p class="muted">No saved accounts yet.</p>;
  }
  return (
    <>
      <ul class="profiles">
        {props.profiles.map((profile) => (
          <li key={profile.id}>
            <ProfileButton profile={profile} busy={action.busy && picked === profile.id}
              disabled={action.busy} onPick={() => resume(profile)} />
          </li>
        ))}
      </ul>
      {action.error !== null && <Alert>{describeError(action.error)}</Alert>}
    </>
  );
}

function TextInput(props: { ids: FieldIds; value: string; placeholder: string;
  inputMode: "url" | "email" | "text"; onInput: (value: string) => void }) {
  const { ids } = props;
  return (
    <input id={ids.input} class={ids.invalid ? "input is-invalid" : "input"} type="text"
      inputMode={props.inputMode} value={props.value} placeholder={props.placeholder}
      aria-invalid={ids.invalid} aria-describedby={ids.describedBy} aria-required="true"
      autocomplete="off" spellcheck={false}
      onInput={(event) => props.onInput(event.currentTarget.value)} />
  );
}

function AccountFormFields(props: { form: AccountForm; setForm: (form: AccountForm) => void;
  passwordRef: { current: HTMLInputElement | null }; onSession: OnSession;
  footerStart: ComponentChildren }) {
  const { form, setForm } = props;
  const [password, setPassword] = useState("");
  const action = useAction();
  const { errors, edited } = useFieldErrors(action.error);
  const set = (key: keyof AccountForm) => (value: string) => {
    edited(key);
    setForm({ ...form, [key]: value });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(() => api.signIn(form, password), (session) => {
      setPassword("");
      props.onSession(session);
    });
  };

  const alert = formAlert(action.error, FORM_FIELDS);
  return (
    <form class="signin-form" onSubmit={submit} noValidate>
      <Field label="Name" required error={errors.name} help="How this account is listed here">
        {(ids) => <TextInput ids={ids} value={form.name} placeholder="Production"
          inputMode="text" onInput={set("name")} />}
      </Field>
      <Field label="Base URL" required error={errors.base_url}>
        {(ids) => <TextInput ids={ids} value={form.base_url} placeholder={BASE_URL_EXAMPLE}
          inputMode="url" onInput={set("base_url")} />}
      </Field>
      <Field label="Login" required error={errors.login} help="The e-mail address you sign in with">
        {(ids) => <TextInput ids={ids} value={form.login} placeholder="you@example.com"
          inputMode="email" onInput={set("login")} />}
      </Field>
      <Field label="Password" required error={errors.password}>
        {(ids) => (
          <input ref={props.passwordRef} id={ids.input} type="password" value={password}
            class={ids.invalid ? "input is-invalid" : "input"} autocomplete="current-password"
            aria-invalid={ids.invalid} aria-describedby={ids.describedBy} aria-required="true"
            onInput={(event) => {
              edited("password");
              setPassword(event.currentTarget.value);
            }} />
        )}
      </Field>
      {alert !== null && <Alert>{alert}</Alert>}
      <p class="signin-note">
        <Icon name="info" /> The password is used once, to start a session, and is never stored.
        The session is kept in the system keyring.
      </p>
      <div class="signin-submit">
        {props.footerStart}
        <span class="spacer" />
        <Button type="submit" variant="primary" busy={action.busy}>Sign in</Button>
      </div>
    </form>
  );
}

function SandboxButton(props: { onSession: OnSession; onFail: (error: AppError) => void }) {
  const action = useAction();
  return (
    <Button icon="box" busy={action.busy} variant="ghost"
      title="A local imitation of the platform with training data"
      onClick={() => void action.run(() => api.useSandbox(), props.onSession, props.onFail)}>
      Use the built-in sandbox
    </Button>
  );
}

function ReasonAlert({ reason }: { reason: AppError }) {
  if (reason.code === "signed_out") {
    return <Alert tone="info">{reason.message} Enter the account's password to continue.</Alert>;
  }
  return <Alert>{describeError(reason)}</Alert>;
}

/** After `signed_out` at startup, the last real account is filled in: only its password is needed. */
function useLastAccount(reason: AppError | null, profiles: Profile[] | null,
  fill: (profile: Profile) => void) {
  const done = useRef(false);
  useEffect(() => {
    const last = profiles?.find((profile) => !profile.is_sandbox);
    if (!done.current && reason?.code === "signed_out" && last !== undefined) {
      done.current = true;
      fill(last);
    }
  }, [reason, profiles, fill]);
}

export function SignInScreen(props: SignInProps) {
  const { profiles, error: loadError } = useProfiles();
  const [form, setForm] = useState<AccountForm>(EMPTY_FORM);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<AppError | null>(props.reason);
  const fill = useRef((profile: Profile) => {
    setForm(formOf(profile));
    passwordRef.current?.focus();
  }).current;
  useLastAccount(props.reason, profiles, fill);

  return (
    <main class="signin">
      <div class="signin-panel">
        <header class="signin-header">
          <span class="brand-mark" aria-hidden="true">Cx</span>
          <div class="signin-heading">
            <h1 class="page-title">Sign in</h1>
            <p class="page-subtitle">ConnexCS App Store</p>
          </div>
          {props.onCancel !== null && <Button variant="ghost" onClick={props.onCancel}>Cancel</Button>}
        </header>
        {problem !== null && <ReasonAlert reason={problem} />}
        <section class="signin-section" aria-labelledby="saved-title">
          <h2 id="saved-title" class="section-title">Saved accounts</h2>
          <SavedAccounts profiles={profiles} loadError={loadError} onSession={props.onSession}
            onNeedsPassword={fill} />
        </section>
        <section class="signin-section" aria-labelledby="real-title">
          <h2 id="real-title" class="section-title">Sign in to a ConnexCS account</h2>
          <AccountFormFields form={form} setForm={setForm} passwordRef={passwordRef}
            onSession={props.onSession}
            footerStart={<SandboxButton onSession={props.onSession} onFail={setProblem} />} />
        </section>
      </div>
    </main>
  );
}
