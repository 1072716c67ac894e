import type { UIMessage } from "ai";
import { currentTenant } from "../_lib/current-tenant";
import { AssistantChat } from "./_components/assistant-chat";

export const metadata = { title: "Assistant" };

export default async function AssistantPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ c?: string }> }) {
  const { tenant } = await params;
  const { c } = await searchParams;
  const { caller } = await currentTenant(tenant);
  const [provider, conversations, stores, items] = await Promise.all([caller.assistant.provider(), caller.assistant.conversations(), caller.catalog.stores(), caller.catalog.items({ limit: 1 })]);
  // Suggestions name this workspace's own first item and store, so they always have an answer.
  const item = items.items[0]?.name.toLowerCase() ?? "an item";
  const store = stores[0]?.name ?? "store 1";
  const suggestions = [
    `How much ${item} will ${store} sell next week?`,
    `Which store will run out of ${item} first and how much should it order?`,
    "Revenue last month vs the same period last year",
    `Why is the ${item} forecast at ${store} so high?`,
    "What's in my action center?",
  ];
  // A conversation that is not this member's (or no longer exists) opens a new one instead.
  const current = c ? await caller.assistant.conversation({ id: c }).catch(() => null) : null;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Assistant</h1>
        <p className="text-sm text-slate-600">
          Answers from the same tools as these pages; every step and its data can be opened. Answering: <span data-testid="assistant-provider" className="font-medium">{provider.label}</span>.
        </p>
      </div>
      <AssistantChat key={current?.id ?? "new"} tenant={tenant} conversationId={current?.id ?? null} initialMessages={(current?.messages ?? []) as UIMessage[]} conversations={conversations.map((x) => ({ id: x.id, title: x.title }))} suggestions={suggestions} />
    </div>
  );
}
