import { describe, expect, it } from "vitest";
import { dueSlot, latestSlot, zonedHourToUtc } from "./due";

const at = (iso: string) => new Date(iso);

describe("latestSlot", () => {
  it("daily: today's hour once it has come, else yesterday's", () => {
    expect(latestSlot({ frequency: "daily" }, 2, at("2026-12-03T02:00:00Z"), "UTC")).toEqual({ at: at("2026-12-03T02:00:00Z"), period: "2026-12-03" });
    expect(latestSlot({ frequency: "daily" }, 2, at("2026-12-03T01:59:59Z"), "UTC")).toEqual({ at: at("2026-12-02T02:00:00Z"), period: "2026-12-02" });
    // Across a month and a year boundary.
    expect(latestSlot({ frequency: "daily" }, 23, at("2027-01-01T05:00:00Z"), "UTC").period).toBe("2026-12-31");
  });

  it("weekly: the last given weekday at the hour, a week back when that is today before the hour", () => {
    // 2026-12-03 is a Thursday (4).
    expect(latestSlot({ frequency: "weekly", weekday: 1 }, 3, at("2026-12-03T12:00:00Z"), "UTC").period).toBe("2026-11-30");
    expect(latestSlot({ frequency: "weekly", weekday: 4 }, 3, at("2026-12-03T12:00:00Z"), "UTC").period).toBe("2026-12-03");
    expect(latestSlot({ frequency: "weekly", weekday: 4 }, 13, at("2026-12-03T12:00:00Z"), "UTC").period).toBe("2026-11-26");
    expect(latestSlot({ frequency: "weekly", weekday: 5 }, 0, at("2026-12-03T12:00:00Z"), "UTC").period).toBe("2026-11-27");
  });

  it("monthly: this month's day once reached, else last month's (into the previous year in January)", () => {
    expect(latestSlot({ frequency: "monthly", dayOfMonth: 1 }, 2, at("2026-12-03T00:00:00Z"), "UTC").period).toBe("2026-12-01");
    expect(latestSlot({ frequency: "monthly", dayOfMonth: 3 }, 2, at("2026-12-03T01:00:00Z"), "UTC").period).toBe("2026-11-03");
    expect(latestSlot({ frequency: "monthly", dayOfMonth: 28 }, 2, at("2026-12-03T01:00:00Z"), "UTC").period).toBe("2026-11-28");
    expect(latestSlot({ frequency: "monthly", dayOfMonth: 15 }, 2, at("2027-01-10T00:00:00Z"), "UTC")).toEqual({ at: at("2026-12-15T02:00:00Z"), period: "2026-12-15" });
  });

  it("reads hours and dates in the tenant's time zone, daylight saving included", () => {
    // 23:30 UTC on 3 Dec is 00:30 on 4 Dec in Berlin (UTC+1): the 00:00 local slot of the 4th has come.
    expect(latestSlot({ frequency: "daily" }, 0, at("2026-12-03T23:30:00Z"), "Europe/Berlin")).toEqual({ at: at("2026-12-03T23:00:00Z"), period: "2026-12-04" });
    // New York in summer is UTC−4, in winter UTC−5.
    expect(zonedHourToUtc(2026, 7, 1, 2, "America/New_York")).toEqual(at("2026-07-01T06:00:00Z"));
    expect(zonedHourToUtc(2026, 12, 1, 2, "America/New_York")).toEqual(at("2026-12-01T07:00:00Z"));
    // 02:00 does not exist on 8 March 2026 in New York: the slot is the hour before the change, still once that day.
    expect(zonedHourToUtc(2026, 3, 8, 2, "America/New_York")).toEqual(at("2026-03-08T06:00:00Z"));
  });
});

describe("dueSlot", () => {
  it("is not due for a slot that came before the schedule was saved, and only the latest slot after downtime", () => {
    const savedAt = at("2026-12-03T14:00:00Z");
    expect(dueSlot({ frequency: "daily" }, 2, at("2026-12-03T15:00:00Z"), "UTC", savedAt)).toBeNull();
    expect(dueSlot({ frequency: "daily" }, 2, at("2026-12-04T02:00:00Z"), "UTC", savedAt)?.period).toBe("2026-12-04");
    // Down for a week: one slot, the latest, not seven.
    expect(dueSlot({ frequency: "daily" }, 2, at("2026-12-11T09:00:00Z"), "UTC", savedAt)?.period).toBe("2026-12-11");
  });
});
