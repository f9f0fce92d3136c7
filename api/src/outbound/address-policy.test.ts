import { describe, expect, it } from "vitest";
import { createOutboundPolicy, isValidAllowEntry } from "./address-policy.ts";

describe("outbound address policy", () => {
  const policy = createOutboundPolicy();

  it.each([
    ["loopback", "127.0.0.1"],
    ["loopback v6", "::1"],
    ["private 10/8", "10.1.2.3"],
    ["private 172.16/12", "172.20.0.5"],
    ["private 192.168/16", "192.168.1.1"],
    ["cloud metadata", "169.254.169.254"],
    ["link-local v6", "fe80::1"],
    ["unique-local v6 (AWS metadata fd00:ec2::254)", "fd00:ec2::254"],
    ["multicast", "224.0.0.1"],
    ["multicast v6", "ff02::1"],
    ["unspecified", "0.0.0.0"],
    ["carrier-grade NAT", "100.64.0.1"],
    ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
    ["IPv4-mapped private", "::ffff:10.0.0.1"],
    ["broadcast", "255.255.255.255"],
  ])("refuses %s (%s)", (_, address) => {
    expect(policy.permits("hooks.example.com", address)).toBe(false);
  });

  it.each(["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])("permits the public address %s", (address) => {
    expect(policy.permits("hooks.example.com", address)).toBe(true);
  });

  it("permits what the operator allows, by range, by address or by host name, and nothing more", () => {
    const allowing = createOutboundPolicy(["10.20.0.0/16", "127.0.0.1", "Hooks.Internal"]);
    expect(allowing.permits("a.example", "10.20.3.4")).toBe(true);
    expect(allowing.permits("a.example", "10.21.0.1")).toBe(false);
    expect(allowing.permits("a.example", "127.0.0.1")).toBe(true);
    expect(allowing.permits("a.example", "::ffff:127.0.0.1")).toBe(true);
    expect(allowing.permits("a.example", "127.0.0.2")).toBe(false);
    expect(allowing.permits("hooks.internal", "192.168.9.9")).toBe(true);
    expect(allowing.permits("other.internal", "192.168.9.9")).toBe(false);
  });

  it("knows a valid OUTBOUND_ALLOW entry from a typo", () => {
    for (const entry of ["10.0.0.0/8", "127.0.0.1", "::1", "hooks.internal", "fd00::/8"]) expect(isValidAllowEntry(entry), entry).toBe(true);
    for (const entry of ["10.0.0.0/33", "http://x", "a b", "*.internal"]) expect(isValidAllowEntry(entry), entry).toBe(false);
  });
});
