import { describe, expect, it } from "vitest";
import { trpcOutcome } from "../billing/helpers";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";

describe.each(testDrivers())("tenant settings on %s", (driver) => {
  const db = fixtureDatabase(driver);

  it("admins set currency, locale, time zone and default service level; bad values are refused naming the field", async () => {
    const admin = callerFor(db.database, db.a.users.admin.id, db.a.slug);
    const settings = { currency: "EUR", locale: "de-DE", timezone: "Europe/Berlin", defaultServiceLevel: 0.98 };
    await admin.tenant.updateSettings(settings);
    expect(await admin.tenant.current()).toMatchObject(settings);
    for (const [bad, field] of [
      [{ currency: "EURO" }, "currency"],
      [{ locale: "xx_YY" }, "locale"],
      [{ timezone: "Mars/Olympus" }, "timezone"],
      [{ defaultServiceLevel: 1 }, "defaultServiceLevel"],
    ] as const) {
      const refused = await trpcOutcome(admin.tenant.updateSettings({ ...settings, ...bad }));
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toContain(field);
    }
    expect(await admin.tenant.current()).toMatchObject(settings);
    const analyst = callerFor(db.database, db.a.users.analyst.id, db.a.slug);
    expect((await trpcOutcome(analyst.tenant.updateSettings(settings))).code).toBe("FORBIDDEN");
    const audit = await admin.admin.audit({ action: "tenant.settings_updated" });
    expect(audit[0]?.details).toMatchObject({ before: { currency: "USD" }, after: settings });
  });
});
