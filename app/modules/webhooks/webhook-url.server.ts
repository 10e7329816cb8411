/**
 * Whether a webhook URL may be called (decision 0024): http or https only, and every address
 * its host resolves to allowed by webhook-address.ts. Checked when an admin registers the URL
 * (so a mistake is refused with a message) and again at every delivery — DNS can change after
 * registration — where the connection is then made to exactly the address that was checked
 * (`guardedLookup`), so a name that resolves to a public address for the check and to
 * 127.0.0.1 a moment later (DNS rebinding) still cannot reach the inside.
 */
import { lookup, type LookupAddress } from "node:dns";
import { promisify } from "node:util";
import { getConfig } from "../../../server/config";
import { DomainError } from "../../lib/errors";
import { ipLiteralOf, refusedAddress } from "./webhook-address";

const lookupAll = promisify(lookup);

export const allowPrivateAddresses = (): boolean => getConfig().WEBHOOKS_ALLOW_PRIVATE;

const refuse = (message: string) => new DomainError("invalid", message, { url: message });

/** The URL parsed and checked, or a refusal naming why (422 on `url`). */
export async function assertWebhookUrl(raw: string, allowPrivate = allowPrivateAddresses()): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("Enter a full URL, e.g. https://hooks.example.com/parley");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("The URL must start with https:// or http://");
  if (url.username || url.password) throw refuse("Leave credentials out of the URL: deliveries are signed with the webhook's secret instead.");
  const addresses = await resolveHost(url.hostname);
  for (const address of addresses) {
    const reason = refusedAddress(address, allowPrivate);
    if (reason) throw refuse(`${url.hostname} cannot receive webhooks: ${reason}. Webhooks may only reach public addresses.`);
  }
  return url;
}

async function resolveHost(hostname: string): Promise<string[]> {
  const literal = ipLiteralOf(hostname);
  if (literal) return [literal];
  try {
    const found = await lookupAll(hostname, { all: true, verbatim: true });
    if (found.length === 0) throw new Error("no address");
    return found.map((entry) => entry.address);
  } catch {
    throw refuse(`${hostname} could not be found (DNS). Check the host name.`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) that resolves the host and refuses it unless every address is
 * allowed, so the socket connects only to an address this guard has seen.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    lookup(hostname, { all: true, verbatim: true }, (error, found) => {
      if (error) return callback(error, []);
      const reason = found.map((entry) => refusedAddress(entry.address, allowPrivate)).find((r) => r !== null);
      if (reason || found.length === 0) {
        return callback(Object.assign(new Error(`refused: ${reason ?? `${hostname} has no address`}`), { code: "EWEBHOOKADDRESS" }), []);
      }
      if (options.all) return callback(null, found);
      const first = found[0]!;
      callback(null, first.address, first.family);
    });
  };
}
