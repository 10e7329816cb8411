/**
 * The SSRF guard's rule (decision 0024), pure: which addresses a webhook may reach. Only
 * public unicast addresses, unless the organisation runs with `WEBHOOKS_ALLOW_PRIVATE=true`
 * (a receiver inside the same network; the tests). An allow-list of one range, so a range the
 * library adds later (or an IPv6 form that embeds an IPv4 address: 6to4, Teredo, NAT64) is
 * refused until somebody decides otherwise. An IPv4 address written as IPv6 (`::ffff:10.0.0.1`)
 * is judged as the IPv4 address it is.
 */
import ipaddr from "ipaddr.js";

/** Never reachable, whatever the setting: they are not one host. */
const neverRanges = new Set(["multicast", "broadcast"]);

const rangeLabels: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  uniqueLocal: "a private network address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a carrier-grade NAT address",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

/** Why a webhook may not reach `address`, or null when it may. `address` must be an IP literal. */
export function refusedAddress(address: string, allowPrivate: boolean): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === "unicast") return null;
  if (allowPrivate && !neverRanges.has(range)) return null;
  return `${parsed.toString()} is ${rangeLabels[range] ?? `in a reserved range (${range})`}`;
}

/** The host of a URL as an IP literal, when it is one (`[::1]` without its brackets). */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
