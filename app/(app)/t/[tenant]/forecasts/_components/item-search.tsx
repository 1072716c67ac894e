"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { KeyboardEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Input, Label } from "@/app/_components/ui/input";
import { cn } from "@/app/_components/ui/cn";
import { useDebouncedValue } from "./use-debounced-value";

export type ItemOption = { id: string; name: string; detail: string };

/**
 * Search box with a results list: empty, it offers the store's best sellers; typing searches the
 * catalog by id, name or brand. Arrow keys move, Enter picks, Escape closes.
 */
export function ItemSearch({ suggestions, onSelect }: { suggestions: ItemOption[]; onSelect: (itemId: string) => void }) {
  const trpc = useTRPC();
  const listId = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const search = useDebouncedValue(text.trim(), 250);
  const found = useQuery(trpc.catalog.items.queryOptions(search ? { search, limit: 10 } : skipToken));

  const options: ItemOption[] = search ? (found.data?.items ?? []).map((i) => ({ id: i.id, name: i.name, detail: `${i.id} · ${i.category}` })) : suggestions;
  const heading = search ? (found.isPending ? "Searching…" : `${found.data?.total ?? 0} matching item${found.data?.total === 1 ? "" : "s"}`) : "Best sellers at this store";

  const pick = (option: ItemOption | undefined) => {
    if (!option) return;
    onSelect(option.id);
    setText("");
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (options.length ? (a + step + options.length) % options.length : 0));
    } else if (e.key === "Enter" && open) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  return (
    <div className="relative w-80 space-y-1">
      <Label htmlFor={`${listId}-input`}>Item</Label>
      <Input
        id={`${listId}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        placeholder="Search by item id or name"
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="absolute z-20 mt-1 w-full rounded-md border border-slate-200 bg-white shadow-lg">
          <p className="border-b border-slate-100 px-3 py-1.5 text-xs text-slate-500">{heading}</p>
          <ul id={listId} role="listbox" aria-label="Items" className="max-h-72 overflow-auto py-1">
            {options.map((option, i) => (
              <li
                key={option.id}
                role="option"
                aria-selected={i === active}
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(option);
                }}
                onMouseEnter={() => setActive(i)}
                className={cn("cursor-pointer px-3 py-1.5 text-sm", i === active && "bg-slate-100")}
              >
                <div className="font-medium">{option.name}</div>
                <div className="text-xs text-slate-500">{option.detail}</div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
