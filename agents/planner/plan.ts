import { CAPABILITIES, INTENTS, read } from "./intents";
import type { Intent, Reading } from "./intents";
import type { CatalogSnapshot } from "./resolve";

export type Plan = { kind: "decline"; text: string; reading: Reading } | { kind: "clarify"; text: string; reading: Reading } | { kind: "tools"; intents: Intent[]; reading: Reading };

/** Questions the assistant must not try to answer, whatever else they contain. */
const OUT_OF_SCOPE =
  /\b(weather|joke|poem|song|recipe|capital of|president|bitcoin|crypto|stock price|share price|nasdaq|password|api key|secret|system prompt|ignore (?:all |the )?(?:previous|prior|above) instructions|other tenants?|all tenants|every tenant|another tenant|tenant[_ ]?id|sql|drop table|write (?:me )?(?:some )?code)\b/;

/** Decides, from the question alone, which tools answer it, or that it must ask back or decline. */
export function planQuestion(question: string, catalog: CatalogSnapshot): Plan {
  const reading = read(question, catalog);
  if (OUT_OF_SCOPE.test(reading.q)) {
    return { kind: "decline", reading, text: `I can't help with that: I only answer questions about this workspace's own retail data. ${CAPABILITIES}` };
  }
  const applying = INTENTS.filter((i) => i.applies(reading));
  const intents = applying.some((i) => i.exclusive) ? applying.filter((i) => i.exclusive) : applying;
  if (intents.length === 0) {
    return { kind: "decline", reading, text: `I did not understand that question. ${CAPABILITIES}` };
  }
  for (const intent of intents) {
    const question = intent.clarify?.(reading);
    if (question) return { kind: "clarify", reading, text: question };
  }
  return { kind: "tools", intents, reading };
}
