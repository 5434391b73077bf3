// Yoco's settings: API User, Secret Key (kept in the OS keyring; only its mode and last four
// characters are shown again), a Test of the key that charges nothing, and the surcharge.
import { useEffect, useState } from "preact/hooks";

import { api } from "../../api";
import type { InstallView } from "../../bindings/InstallView";
import type { PickOption } from "../../bindings/PickOption";
import type { YocoSettings } from "../../bindings/yoco/YocoSettings";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { Combobox } from "../../components/Combobox";
import { Field } from "../../components/Field";
import { describeError, formAlert } from "../../errors";
import { useAction, useFieldErrors } from "../../state/action";
import { useWorkspace } from "../../state/workspace";
import { yocoApi } from "./api";
import { ModeBadge } from "./ModeBadge";

export function SettingsPage({ install }: { install: InstallView }) {
  const { notify } = useWorkspace();
  const [settings, setSettings] = useState<YocoSettings | null>(null);
  const [users, setUsers] = useState<PickOption[] | null>(null);
  const [apiUser, setApiUser] = useState("");
  const [secretKey, setSecretKey] = useState("");
  const [kind, setKind] = useState("amount");
  const [surcharge, setSurcharge] = useState("");
  const [tested, setTested] = useState<string | null>(null);
  const load = useAction();
  const save = useAction();
  const test = useAction();
  const shown = useFieldErrors(save.error ?? test.error);

  const fill = (loaded: YocoSettings) => {
    setSettings(loaded);
    setApiUser(loaded.api_user ?? "");
    setKind(loaded.surcharge_type);
    setSurcharge(loaded.surcharge);
    setSecretKey("");
  };
  useEffect(() => {
    void load.run(() => yocoApi.settings(install.id), fill);
    api.fieldOptions("user", null).then(setUsers, () => setUsers([]));
  }, [install.id]);

  const submit = () => void save.run(
    () => yocoApi.saveSettings(install.id, {
      api_user: apiUser, secret_key: secretKey, surcharge_type: kind, surcharge,
    }),
    (saved) => { fill(saved); notify({ tone: "success", text: "Yoco settings saved." }); },
  );
  const runTest = () => void test.run(
    () => yocoApi.testKey(install.id, secretKey.trim() === "" ? null : secretKey),
    (mode) => setTested(mode === "live"
      ? "Yoco accepted the key: live mode, real cards are charged."
      : "Yoco accepted the key: test mode, no money moves."),
  );
  const key = settings?.key ?? null;
  const alert = formAlert(save.error ?? test.error, ["api_user", "secret_key", "surcharge"]);

  return (
    <form class="yoco-settings" data-testid="yoco-settings"
      onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <div class="section-head">
        <div>
          <h2 class="section-title">Yoco settings</h2>
          <p class="muted">How {install.name} takes card top-ups through Yoco.</p>
        </div>
        {key !== null && <ModeBadge mode={key.mode} />}
      </div>
      {load.error !== null && <Alert>{describeError(load.error)}</Alert>}
      <Field label="API User" required error={shown.errors["api_user"]}
        help="The Control Panel user the app acts as when it records payments.">
        {(ids) => (
          <Combobox id={ids.input} describedBy={ids.describedBy} invalid={ids.invalid} required
            options={users} value={apiUser} allowCustom={false}
            placeholder="Choose a user" testId="config-field-api_user"
            onChange={(value) => { setApiUser(value); shown.edited("api_user"); }} />
        )}
      </Field>
      <Field label="Secret Key" required={key === null} error={shown.errors["secret_key"]}
        help={key === null
          ? "From Yoco: API > Developer > Integration. It starts sk_test_ (no money moves) or sk_live_. Kept in this computer's keyring."
          : `Saved: a ${key.mode} key ending …${key.last_four}. Leave empty to keep it; paste a new one to replace it.`}>
        {(ids) => (
          <div class="yoco-key-row">
            <input id={ids.input} class={`input${ids.invalid ? " is-invalid" : ""}`}
              type="password" autocomplete="off" spellcheck={false} value={secretKey}
              aria-describedby={ids.describedBy} data-testid="yoco-secret-key"
              placeholder={key === null ? "sk_test_… or sk_live_…" : `…${key.last_four} (saved)`}
              onInput={(e) => { setSecretKey(e.currentTarget.value); setTested(null); shown.edited("secret_key"); }} />
            <Button busy={test.busy} disabled={key === null && secretKey.trim() === ""}
              testId="yoco-test-key" title="Checks the key with Yoco; charges nothing"
              onClick={runTest}>Test</Button>
          </div>
        )}
      </Field>
      {tested !== null && <Alert tone="info">{tested}</Alert>}
      <fieldset class="yoco-surcharge">
        <legend class="field-label">Surcharge</legend>
        <div class="yoco-surcharge-row">
          <label class="yoco-radio">
            <input type="radio" name="surcharge_type" value="amount" checked={kind === "amount"}
              onChange={() => setKind("amount")} data-testid="yoco-surcharge-amount" />
            Amount (ZAR)
          </label>
          <label class="yoco-radio">
            <input type="radio" name="surcharge_type" value="percent" checked={kind === "percent"}
              onChange={() => setKind("percent")} data-testid="yoco-surcharge-percent" />
            Percent
          </label>
          <input class={`input yoco-surcharge-input${shown.errors["surcharge"] ? " is-invalid" : ""}`}
            inputMode="decimal" value={surcharge} data-testid="yoco-surcharge"
            placeholder={kind === "percent" ? "e.g. 2.5" : "e.g. 5.00"} aria-label="Surcharge"
            onInput={(e) => { setSurcharge(e.currentTarget.value); shown.edited("surcharge"); }} />
          <span class="muted">{kind === "percent" ? "% of the top-up" : "rand per top-up"}</span>
        </div>
        {shown.errors["surcharge"] && <p class="field-error">{shown.errors["surcharge"]}</p>}
        <p class="field-help">{settings?.rounding_rule ?? ""} At most 10% or R500.00; empty or 0 for none.</p>
      </fieldset>
      <Alert tone="info">South African card rules forbid surcharging a payment for being made by
        card. The fee is shown to the payer as its own line, before they pay, as a service fee of
        the top-up.</Alert>
      {alert !== null && <Alert>{alert}</Alert>}
      <div class="actions">
        <Button type="submit" variant="primary" busy={save.busy} testId="yoco-save">Save</Button>
      </div>
    </form>
  );
}
