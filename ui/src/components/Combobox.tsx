// A searchable picker: type to filter, arrows to move, Enter to pick, Esc to close the list.
// With `allowCustom`, what is typed is kept as the value when it matches no option (an
// extension number, say).
import type { TargetedEvent, TargetedKeyboardEvent } from "preact";
import { useEffect, useId, useMemo, useState } from "preact/hooks";

import type { PickOption } from "../bindings/PickOption";
import { Icon } from "./Icon";
import { Spinner } from "./Button";

/** More than this and the list shows only the first ones; typing narrows it. */
const SHOWN_AT_MOST = 200;

export interface ComboboxProps {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  required: boolean;
  /** `null` while loading. */
  options: PickOption[] | null;
  value: string;
  onChange: (value: string) => void;
  allowCustom: boolean;
  placeholder: string;
  testId: string;
}

function labelOf(options: PickOption[] | null, value: string): string {
  return options?.find((option) => option.value === value)?.label ?? value;
}

function matching(options: PickOption[], text: string): PickOption[] {
  const needle = text.trim().toLowerCase();
  const hits = needle === ""
    ? options
    : options.filter((o) => `${o.label} ${o.value}`.toLowerCase().includes(needle));
  return hits.slice(0, SHOWN_AT_MOST);
}

/** The value that typed text stands for, when the field loses focus. */
function settle(props: ComboboxProps, text: string): string {
  const typed = text.trim();
  const exact = props.options?.find(
    (o) => o.label.toLowerCase() === typed.toLowerCase() || o.value === typed,
  );
  if (exact !== undefined) {
    return exact.value;
  }
  if (props.allowCustom || typed === "") {
    return typed;
  }
  return props.value;
}

export function Combobox(props: ComboboxProps) {
  const listId = useId();
  const [text, setText] = useState(() => labelOf(props.options, props.value));
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const [active, setActive] = useState(0);
  const shown = useMemo(() => matching(props.options ?? [], filter), [props.options, filter]);

  useEffect(() => {
    if (!open) {
      setText(labelOf(props.options, props.value));
    }
  }, [props.options, props.value, open]);

  const pick = (option: PickOption) => {
    props.onChange(option.value);
    setText(option.label);
    setOpen(false);
  };
  const show = (nextFilter: string) => {
    setFilter(nextFilter);
    setActive(0);
    setOpen(true);
  };
  const onInput = (event: TargetedEvent<HTMLInputElement>) => {
    setText(event.currentTarget.value);
    show(event.currentTarget.value);
  };
  const commit = () => {
    setOpen(false);
    const value = settle(props, text);
    if (value !== props.value) {
      props.onChange(value);
    }
    setText(labelOf(props.options, value));
  };
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) =>
    handleKey(event, { open, shown, active, setActive, setOpen, pick, show, commit });

  const activeOption = open ? shown[active] : undefined;
  return (
    <div class="combobox">
      <input
        id={props.id}
        type="text"
        class={props.invalid ? "input is-invalid" : "input"}
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeOption === undefined ? undefined : `${listId}-${active}`}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid}
        aria-required={props.required}
        placeholder={props.placeholder}
        value={text}
        data-testid={props.testId}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onClick={() => show("")}
        onBlur={commit}
      />
      <span class="combobox-chevron" aria-hidden="true">
        {props.options === null ? <Spinner small /> : <Icon name="chevron" />}
      </span>
      {open && (
        <ComboboxList id={listId} options={shown} active={active} value={props.value}
          loading={props.options === null} allowCustom={props.allowCustom} onPick={pick} />
      )}
    </div>
  );
}

interface KeyContext {
  open: boolean;
  shown: PickOption[];
  active: number;
  setActive: (index: number) => void;
  setOpen: (open: boolean) => void;
  pick: (option: PickOption) => void;
  show: (filter: string) => void;
  /** Takes what is typed as the value (or puts the chosen label back) and closes the list. */
  commit: () => void;
}

function handleKey(event: KeyboardEvent, context: KeyContext): void {
  const { open, shown, active } = context;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    if (!open) {
      context.show("");
      return;
    }
    const step = event.key === "ArrowDown" ? 1 : -1;
    context.setActive(Math.min(Math.max(active + step, 0), Math.max(shown.length - 1, 0)));
  } else if (event.key === "Enter" && open) {
    // Enter picks; the next Enter, with the list closed, submits the form.
    event.preventDefault();
    const option = shown[active];
    if (option === undefined) {
      context.commit();
    } else {
      context.pick(option);
    }
  } else if (event.key === "Escape" && open) {
    event.preventDefault();
    event.stopPropagation();
    context.setOpen(false);
  }
}

interface ListProps {
  id: string;
  options: PickOption[];
  active: number;
  value: string;
  loading: boolean;
  allowCustom: boolean;
  onPick: (option: PickOption) => void;
}

function ComboboxList(props: ListProps) {
  const empty = props.loading
    ? "Loading…"
    : props.allowCustom
      ? "No match: what you type is used as it is."
      : "No match.";
  return (
    <ul id={props.id} class="combobox-list" role="listbox">
      {props.options.length === 0 && <li class="combobox-empty">{empty}</li>}
      {props.options.map((option, index) => (
        <li
          key={option.value}
          id={`${props.id}-${index}`}
          role="option"
          aria-selected={option.value === props.value}
          class={index === props.active ? "combobox-option is-active" : "combobox-option"}
          onMouseDown={(event) => {
            event.preventDefault();
            props.onPick(option);
          }}
        >
          <span>{option.label}</span>
          {option.label !== option.value && <span class="combobox-value">{option.value}</span>}
        </li>
      ))}
    </ul>
  );
}
