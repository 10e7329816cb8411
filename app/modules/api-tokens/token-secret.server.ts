import { createHash, randomBytes } from "node:crypto";

/** Every Parley API token starts with this, so a leaked one is easy to recognise and scan for. */
export const TOKEN_PREFIX = "prl_";
/** How much of the token is stored in clear, to tell tokens apart in the list. */
const SHOWN_LENGTH = 12;

/** A new secret: the prefix and 240 random bits, URL-safe. */
export function newTokenSecret(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(30).toString("base64url")}`;
  return { token, prefix: token.slice(0, SHOWN_LENGTH), hash: hashToken(token) };
}

/** Only the SHA-256 is stored: the secret is random, so a slow hash adds nothing. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
