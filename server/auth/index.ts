import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDatabase } from "@/server/db";
import { clientIp } from "./client-ip";
import { authSecret } from "./secret";
import { NOT_MEMBER_CODE, throttleCode } from "./throttle-code";
import { requestHost } from "@/server/http/request-host";
import { mayUseHost } from "@/server/services/branding/custom-domain";
import {
  SESSION_MAX_AGE_SECONDS,
  createAuthSession,
  isAuthSessionActive,
  revokeAuthSession,
} from "@/server/services/auth/auth-sessions";
import { recordSignIn } from "@/server/services/auth/record-sign-in";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    sessionId: string;
  }
}

/** A refused attempt: throttled (`code` says what and for how long) or not a member here (throttle-code.ts). */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  // A refused password is the user's mistake, counted by the throttle; it is not a server error to
  // log with a stack trace. Anything else still is.
  logger: {
    error: (error) => {
      if (error instanceof CredentialsSignin) console.warn(`[auth] sign-in refused (${error.code})`);
      else console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: async (credentials, request) => {
        const database = await getDatabase();
        const ip = clientIp(request.headers);
        const result = await verifyCredentials(database, credentials, ip);
        if (!result.ok) {
          if (result.reason === "throttled") throw new SignInRefused(throttleCode(result.scope, result.retryAfterSeconds));
          return null;
        }
        if (!(await mayUseHost(database, result.user.id, requestHost(request.headers)))) throw new SignInRefused(NOT_MEMBER_CODE);
        const sessionId = await createAuthSession(database, result.user.id, {
          ip,
          userAgent: request.headers.get("user-agent") ?? undefined,
        });
        await recordSignIn(database, result.user.id, ip);
        return { id: result.user.id, email: result.user.email, name: result.user.name, sessionId };
      },
    }),
  ],
  callbacks: {
    // Same-site paths stay relative, so the browser stays on the host it signed in on (a tenant's
    // custom domain) instead of being sent to AUTH_URL's; other sites are never followed.
    redirect: ({ url, baseUrl }) => {
      if (/^\/(?!\/)/.test(url)) return url;
      return URL.canParse(url) && new URL(url).origin === baseUrl ? url : baseUrl;
    },
    jwt: async ({ token, user }) => {
      if (user) {
        token.uid = user.id;
        token.sid = (user as { sessionId?: string }).sessionId;
        return token;
      }
      // Every request re-checks the server-side session, so sign-out and expiry take effect at once.
      if (typeof token.sid !== "string" || typeof token.uid !== "string") return null;
      const active = await isAuthSessionActive(await getDatabase(), token.sid, token.uid);
      return active ? token : null;
    },
    session: ({ session, token }) => {
      session.user.id = token.uid as string;
      session.sessionId = token.sid as string;
      return session;
    },
  },
  events: {
    signOut: async (message) => {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await revokeAuthSession(await getDatabase(), sid);
    },
  },
});
