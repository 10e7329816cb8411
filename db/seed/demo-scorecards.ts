/**
 * The demo organisation's scorecards: a call scorecard that a weekly sampling rule already
 * uses (so the demo QA specialists open a queue with work in it), and a chat scorecard that
 * no rule uses yet (for trying the rule form). Both go through the definition schema.
 */
import { scorecardDefinitionSchema, type ScorecardDefinitionInput } from "../../app/modules/scorecards/scorecard-definition.schema";

const callQuality: ScorecardDefinitionInput = {
  passMark: 80,
  sections: [
    {
      id: "opening",
      title: "Opening",
      weight: 1,
      questions: [
        { id: "greeting", kind: "binary", prompt: "Greeted the customer and gave their name", weight: 1, allowNa: false, critical: null },
        {
          id: "verified-identity",
          kind: "binary",
          prompt: "Verified the customer's identity before discussing the account",
          help: "Two of: date of birth, postcode, last payment amount.",
          weight: 2,
          allowNa: true,
          critical: "all",
        },
      ],
    },
    {
      id: "resolution",
      title: "Understanding and resolution",
      weight: 3,
      questions: [
        { id: "discovery", kind: "scale", prompt: "Understood the customer's issue", min: 1, max: 5, minLabel: "Missed it", maxLabel: "Fully", weight: 2, allowNa: false, critical: null },
        {
          id: "resolved",
          kind: "choice",
          prompt: "Outcome",
          options: [
            { id: "resolved", label: "Resolved on this contact", points: 2 },
            { id: "next-steps", label: "Clear next steps agreed", points: 1 },
            { id: "unresolved", label: "Left unresolved", points: 0 },
          ],
          weight: 3,
          allowNa: false,
          critical: null,
        },
        { id: "callback-booked", kind: "binary", prompt: "Booked the promised follow-up", weight: 1, allowNa: false, critical: null, showIf: { questionId: "resolved", equals: ["next-steps"] } },
      ],
    },
    {
      id: "manner",
      title: "Manner",
      weight: 1,
      questions: [
        { id: "empathy", kind: "scale", prompt: "Showed empathy", min: 1, max: 5, weight: 1, allowNa: false, critical: null },
        { id: "hold-etiquette", kind: "binary", prompt: "Asked before placing on hold and thanked after", weight: 1, allowNa: true, critical: null },
      ],
    },
    {
      id: "compliance",
      title: "Compliance",
      weight: 1,
      questions: [
        { id: "recording-disclosure", kind: "binary", prompt: "Disclosed that the call is recorded", weight: 1, allowNa: false, critical: "section" },
      ],
    },
    {
      id: "notes",
      title: "Root cause",
      weight: 0,
      questions: [
        {
          id: "root-cause",
          kind: "tags",
          prompt: "Why did the customer contact us?",
          options: [
            { id: "billing-error", label: "Billing error" },
            { id: "outage", label: "Service outage" },
            { id: "process-gap", label: "Process gap" },
            { id: "knowledge-gap", label: "Agent knowledge gap" },
          ],
        },
        { id: "coaching-note", kind: "text", prompt: "Note for the supervisor" },
      ],
    },
  ],
};

const chatQuality: ScorecardDefinitionInput = {
  passMark: 75,
  sections: [
    {
      id: "conversation",
      title: "Conversation",
      weight: 1,
      questions: [
        { id: "response-time", kind: "binary", prompt: "Answered within two minutes", weight: 1, allowNa: false, critical: null },
        { id: "tone", kind: "scale", prompt: "Tone fitted the customer", min: 1, max: 4, weight: 1, allowNa: false, critical: null },
        { id: "resolved", kind: "binary", prompt: "Resolved or handed over correctly", weight: 2, allowNa: false, critical: null },
      ],
    },
  ],
};

/** Call reviews reach the agent on submit; the QA lead releases chat reviews (so the demo shows manual release). */
export const demoScorecards = [
  { name: "Call quality", description: "Northwind's standard call review.", releaseMode: "immediate", definition: scorecardDefinitionSchema.parse(callQuality) },
  { name: "Chat quality", description: "Short review for chats, released by the QA lead.", releaseMode: "manual", definition: scorecardDefinitionSchema.parse(chatQuality) },
];
