"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ROLES } from "@/drizzle/schema/roles";
import type { Role } from "@/drizzle/schema/roles";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Select } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

export function MembersPanel({ myRole }: { myRole: Role }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions());
  const invitations = useQuery(trpc.members.invitations.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSettled: refresh }));
  const invite = useMutation(trpc.members.invite.mutationOptions({ onSuccess: refresh }));
  const emailEnabled = useQuery(trpc.members.emailEnabled.queryOptions());
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions({ onSettled: refresh }));
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const assignable = myRole === "owner" ? ROLES : ROLES.filter((r) => r !== "owner");
  const created = invite.data;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Members</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <table className="w-full text-sm">
          <tbody>
            {members.data?.map((m) => (
              <tr key={m.userId} className="border-t border-slate-100">
                <td className="py-2">
                  <div className="font-medium">{m.name}</div>
                  <div className="text-xs text-slate-500">{m.email}</div>
                </td>
                <td className="py-2">
                  <Select
                    aria-label={`Role of ${m.email}`}
                    className="w-32"
                    value={m.role}
                    disabled={m.role === "owner" && myRole !== "owner"}
                    onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                  >
                    {(m.role === "owner" ? ROLES : assignable).map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="py-2 text-right">
                  <Button variant="ghost" size="sm" onClick={() => confirm(`Remove ${m.email} from this workspace?`) && remove.mutate({ userId: m.userId })}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorText error={changeRole.error ?? remove.error} />

        <form
          className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate({ email, role }, { onSuccess: () => setEmail("") });
          }}
        >
          <Input aria-label="Email to invite" placeholder="colleague@example.com" type="email" className="w-72" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <Select aria-label="Role for the invitation" className="w-32" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {assignable.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
          <Button type="submit" disabled={invite.isPending}>
            Invite
          </Button>
        </form>
        {emailEnabled.data === false ? (
          <p className="text-xs text-slate-600">E-mail is off (no SMTP_URL is configured): invitations are links you send yourself.</p>
        ) : null}
        <ErrorText error={invite.error} />
        {created ? (
          <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
            {created.delivery.status === "sent"
              ? `Invitation e-mailed to ${created.email}. The link (shown once, valid 7 days), should they need it: `
              : created.delivery.status === "failed"
                ? `Invitation created, but the e-mail could not be sent (${created.delivery.message}). Send this link to ${created.email} yourself (shown once, valid 7 days): `
                : `Invitation created. Send this link to ${created.email} (shown once, valid 7 days): `}
            <code className="break-all">{created.url}</code>
          </p>
        ) : null}
        {invitations.data?.length ? (
          <div className="space-y-1">
            <p className="text-xs font-medium text-slate-500">Pending invitations</p>
            {invitations.data.map((i) => (
              <div key={i.id} className="flex items-center justify-between text-sm">
                <span>
                  {i.email} · {i.role} · expires {i.expiresAt.toLocaleDateString()}
                </span>
                <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ invitationId: i.id })}>
                  Revoke
                </Button>
              </div>
            ))}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
