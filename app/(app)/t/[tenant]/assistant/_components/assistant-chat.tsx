"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, getToolName, isToolUIPart, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import type { UIMessage } from "ai";
import { useMemo, useState } from "react";
import { checkGrounding } from "@/agents/grounding";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { ToolResult } from "./tool-result";


const textOf = (m: UIMessage) => m.parts.map((p) => (p.type === "text" ? p.text : "")).join("");

function Unverified({ message }: { message: UIMessage }) {
  const outputs = message.parts.flatMap((p) => (isToolUIPart(p) && p.state === "output-available" ? [p.output] : []));
  const report = checkGrounding(textOf(message), outputs);
  if (report.unverified.length === 0) return null;
  return (
    <p className="mt-1 text-xs text-amber-800" data-testid="unverified">
      {report.unverified.length} number{report.unverified.length > 1 ? "s" : ""} not found in any tool result (unverified): {report.unverified.join(", ")}
    </p>
  );
}

/** The chat: streamed answers, each tool call as a step that opens to its input and output, approvals inline. */
export function AssistantChat({
  tenant,
  conversationId,
  initialMessages,
  conversations,
  suggestions,
}: {
  tenant: string;
  conversationId: string | null;
  initialMessages: UIMessage[];
  conversations: { id: string; title: string }[];
  suggestions: string[];
}) {
  const id = useMemo(() => conversationId ?? crypto.randomUUID(), [conversationId]);
  const [input, setInput] = useState("");
  const { messages, sendMessage, status, stop, error, regenerate, addToolApprovalResponse } = useChat({
    id,
    messages: initialMessages,
    transport: new DefaultChatTransport({ api: "/api/chat", body: { tenant } }),
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
  });
  const busy = status === "submitted" || status === "streaming";

  function ask(question: string) {
    if (!question.trim() || busy) return;
    // The URL names the conversation so a reload opens it again.
    window.history.replaceState(null, "", `/t/${tenant}/assistant?c=${id}`);
    void sendMessage({ text: question.trim() });
    setInput("");
  }

  function exportJson() {
    const blob = new Blob([JSON.stringify(messages, null, 2)], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `assistant-${id}.json`;
    a.click();
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_16rem]">
      <Card>
        <CardContent className="space-y-4 p-4">
          <ol className="space-y-4" aria-label="Conversation" aria-live="polite">
            {messages.map((m) => (
              <li key={m.id} className={m.role === "user" ? "ml-auto max-w-[85%] rounded-md bg-slate-100 px-3 py-2" : "space-y-2"} data-testid={`message-${m.role}`}>
                {m.parts.map((p, i) => {
                  if (p.type === "text") return <p key={i} className="whitespace-pre-wrap text-sm">{p.text}</p>;
                  if (!isToolUIPart(p)) return null;
                  const tool = getToolName(p);
                  return (
                    <div key={p.toolCallId} className="rounded-md border border-slate-200 p-2" data-testid="tool-step">
                      <details>
                        <summary className="cursor-pointer text-xs text-slate-700">
                          Step: <span className="font-mono">{tool}</span> · {p.state === "output-available" ? "done" : p.state === "approval-requested" ? "waiting for your approval" : p.state === "output-denied" ? "declined" : p.state === "output-error" ? "failed" : "running"}
                        </summary>
                        <pre className="mt-1 max-h-64 overflow-auto text-xs" tabIndex={0} aria-label={`${tool} input and output`}>
                          {JSON.stringify({ input: p.input, output: p.state === "output-available" ? p.output : undefined }, null, 2)}
                        </pre>
                      </details>
                      {p.state === "approval-requested" ? (
                        <div className="mt-2 flex items-center gap-2 text-sm">
                          <span>Run {tool} with {JSON.stringify(p.input)}?</span>
                          <Button size="sm" onClick={() => addToolApprovalResponse({ id: p.approval.id, approved: true })}>
                            Approve
                          </Button>
                          <Button size="sm" variant="outline" onClick={() => addToolApprovalResponse({ id: p.approval.id, approved: false })}>
                            Deny
                          </Button>
                        </div>
                      ) : null}
                      {p.state === "output-available" ? <div className="mt-2"><ToolResult tool={tool} output={p.output} /></div> : null}
                      {p.state === "output-error" ? <p className="mt-1 text-xs text-red-700">{p.errorText}</p> : null}
                    </div>
                  );
                })}
                {m.role === "assistant" && !busy ? <Unverified message={m} /> : null}
              </li>
            ))}
          </ol>
          {error ? (
            <div className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800" role="alert">
              {error.message || "The assistant failed."} Your conversation is kept.{" "}
              <Button size="sm" variant="outline" onClick={() => void regenerate()}>
                Retry
              </Button>
            </div>
          ) : null}
          {messages.length === 0 ? (
            <div className="flex flex-wrap gap-2" aria-label="Suggested questions">
              {suggestions.map((s) => (
                <Button key={s} size="sm" variant="outline" onClick={() => ask(s)}>
                  {s}
                </Button>
              ))}
            </div>
          ) : null}
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              ask(input);
            }}
          >
            <label htmlFor="assistant-question" className="sr-only">
              Your question
            </label>
            <input id="assistant-question" className="h-9 flex-1 rounded-md border border-slate-300 px-3 text-sm" value={input} onChange={(e) => setInput(e.target.value)} placeholder="Ask about sales, forecasts, stock…" />
            {busy ? (
              <Button type="button" variant="outline" onClick={() => void stop()}>
                Stop
              </Button>
            ) : (
              <Button type="submit">Ask</Button>
            )}
            <Button type="button" variant="ghost" onClick={exportJson} disabled={messages.length === 0}>
              Export
            </Button>
          </form>
        </CardContent>
      </Card>
      <nav aria-label="Your conversations" className="space-y-1 text-sm">
        <a className="block text-brand-text underline" href={`/t/${tenant}/assistant`}>
          New conversation
        </a>
        {conversations.map((c) => (
          <a key={c.id} className="block truncate text-slate-700 hover:underline" href={`/t/${tenant}/assistant?c=${c.id}`}>
            {c.title}
          </a>
        ))}
      </nav>
    </div>
  );
}
