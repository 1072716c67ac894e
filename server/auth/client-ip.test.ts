import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, markFrontDoorActive } from "@/server/http/client-address";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("trusts the client-address header only in a process whose requests pass the front door", () => {
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "::ffff:198.51.100.7", "x-forwarded-for": "6.6.6.6" });
    // A bare `next start`: the header is whatever the client wrote, so there is no address.
    expect(clientIp(headers)).toBeUndefined();
    markFrontDoorActive();
    expect(clientIp(headers)).toBe("198.51.100.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBeUndefined();
  });
});
