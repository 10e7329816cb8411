/**
 * Speaker → role mapping, shared by every importer. Each importer records what the
 * file itself says about a speaker (a role column, an author type, channel 0…);
 * speakers the file says nothing about are guessed by who talks first; the caller's
 * `speakerRoles` option overrides both, keyed by the source label.
 */
import type { SpeakerRole } from "./transcript";
import type { SourceSpeaker } from "./types";

const agentWords =
  /^(agents?|rep|representative|csr|advisor|adviser|support|operator|staff|admin|administrator|teammate|bot|assistant|system|system_message|ivr|action|host|employee|sales|service|helpdesk|moderator)$/;
const customerWords = /^(customers?|client|caller|callers|user|visitor|guest|lead|contact|end-user|enduser|member|consumer|patient|requester|buyer)$/;

/** The role a label means by itself ("Agent", "CUSTOMER", "agent_2", "end-user"…), if any. */
export function roleFromName(label: string): SpeakerRole | undefined {
  const word = label
    .trim()
    .toLowerCase()
    .replace(/[\s_-]*\d+$/, "");
  if (agentWords.test(word)) return "agent";
  if (customerWords.test(word)) return "customer";
  return undefined;
}

export const otherRole = (role: SpeakerRole): SpeakerRole => (role === "agent" ? "customer" : "agent");

interface Entry {
  name?: string;
  role?: SpeakerRole;
}

export class SpeakerBook {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param firstUnknown role for the first speaker (in talking order) the file says
   *   nothing about: "agent" for calls (the agent greets), "customer" for chats and
   *   tickets (the customer writes first). Later unknown speakers get the other role.
   */
  constructor(readonly firstUnknown: SpeakerRole) {}

  /** Registers a label; later calls fill in a name or role the first call lacked. Returns the label. */
  add(label: string, info: { name?: string; role?: SpeakerRole } = {}): string {
    const entry = this.entries.get(label) ?? {};
    entry.name ??= info.name;
    entry.role ??= info.role;
    this.entries.set(label, entry);
    return label;
  }

  /**
   * Roles for the speakers of `order` (labels in order of first segment), with
   * overrides applied. Labels in `overrides` that match no speaker are returned in
   * `unmatched` so the caller can warn.
   */
  resolve(
    order: string[],
    counts: Map<string, number>,
    overrides: Record<string, SpeakerRole> = {},
  ): { speakers: SourceSpeaker[]; unmatched: string[] } {
    const known = order.map((label) => this.entries.get(label)?.role);
    const taken = new Set(known.filter((role): role is SpeakerRole => role !== undefined));
    let unknownSeen = 0;
    const speakers = order.map((label, index): SourceSpeaker => {
      let guessedRole = known[index];
      if (!guessedRole) {
        const first = taken.has(this.firstUnknown) ? otherRole(this.firstUnknown) : this.firstUnknown;
        guessedRole = unknownSeen === 0 ? first : otherRole(this.firstUnknown);
        unknownSeen++;
      }
      const override = lookup(overrides, label);
      const name = this.entries.get(label)?.name;
      return {
        label,
        ...(name ? { name } : {}),
        guessedRole,
        role: override ?? guessedRole,
        segments: counts.get(label) ?? 0,
      };
    });
    const unmatched = Object.keys(overrides).filter((key) => !order.some((label) => sameLabel(label, key)));
    return { speakers, unmatched };
  }
}

function sameLabel(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** Exact label first, then case-insensitive ("AGENT" vs "Agent"). */
function lookup(overrides: Record<string, SpeakerRole>, label: string): SpeakerRole | undefined {
  if (Object.hasOwn(overrides, label)) return overrides[label];
  const key = Object.keys(overrides).find((candidate) => sameLabel(candidate, label));
  return key === undefined ? undefined : overrides[key];
}
