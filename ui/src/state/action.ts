// Running one action a person waits on: busy while it runs, its error kept for the form.
import { useCallback, useRef, useState } from "preact/hooks";

import type { AppError } from "../bindings/AppError";
import { fieldErrors, toAppError, type FieldErrors } from "../errors";

export interface Action {
  busy: boolean;
  error: AppError | null;
  setError: (error: AppError | null) => void;
  /**
   * Runs `task` unless one is running; `onDone` gets its answer when it succeeds, `onFail`
   * its error (which is also kept in `error`) when it fails.
   */
  run: <T>(
    task: () => Promise<T>,
    onDone: (answer: T) => void,
    onFail?: (error: AppError) => void,
  ) => Promise<void>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const running = useRef(false);

  const run = useCallback(async <T,>(
    task: () => Promise<T>,
    onDone: (answer: T) => void,
    onFail?: (error: AppError) => void,
  ) => {
    if (running.current) {
      return;
    }
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      const answer = await task();
      running.current = false;
      setBusy(false);
      onDone(answer);
    } catch (raw: unknown) {
      running.current = false;
      setBusy(false);
      const error = toAppError(raw);
      setError(error);
      onFail?.(error);
    }
  }, []);

  return { busy, error, setError, run };
}

export interface ShownFieldErrors {
  /** Field key → message, without the fields edited since the error came. */
  errors: FieldErrors;
  /** Hides the error of `key`: the person is correcting it. */
  edited: (key: string) => void;
}

/** The field errors of `error`, each hidden once its field is edited. */
export function useFieldErrors(error: AppError | null): ShownFieldErrors {
  const [cleared, setCleared] = useState<{ of: AppError | null; keys: string[] }>({
    of: null,
    keys: [],
  });
  const keys = cleared.of === error ? cleared.keys : [];
  const all = fieldErrors(error);
  const errors = Object.fromEntries(Object.entries(all).filter(([key]) => !keys.includes(key)));
  const edited = (key: string) => {
    if (all[key] !== undefined && !keys.includes(key)) {
      setCleared({ of: error, keys: [...keys, key] });
    }
  };
  return { errors, edited };
}
