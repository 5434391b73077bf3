// What several NeuTrafix pages share: the account, loaded once per screen, and the notice
// shown while the buyer is not logged in to the exchange.
import { useEffect, useState } from "preact/hooks";

import type { AccountView } from "../../bindings/neutrafix/AccountView";
import type { InstallView } from "../../bindings/InstallView";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { nxApi } from "./api";

export function useAccount(): [AccountView | null, (a: AccountView) => void, string | null] {
  const [account, setAccount] = useState<AccountView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    nxApi.account().then(setAccount, (e: { message: string }) => setError(e.message));
  }, []);
  return [account, setAccount, error];
}

export function LoginFirst({ install }: { install: InstallView }) {
  return (
    <EmptyState icon="info" title="Log in to NeuTrafix first"
      actions={
        <Button variant="primary" testId="nx-go-account"
          onClick={() => { window.location.hash = `#/install/${install.id}/account`; }}>
          Open Account</Button>
      }>
      The market, your routes and rating need your exchange login (API Login and API Key).
    </EmptyState>
  );
}
