import type { Role } from "../../app/modules/users/roles";

/** The demo organisation seeded on an empty database (README lists these logins). */
export const DEMO_PASSWORD = "parley-demo";
export const DEMO_DOMAIN = "demo.parley.test";

export const demoTeams = ["Billing", "Technical Support", "Retention"] as const;
type TeamName = (typeof demoTeams)[number];

export interface DemoUser {
  key: string;
  name: string;
  role: Role;
  teams: TeamName[];
}

const agents: Array<[string, string, TeamName]> = [
  ["dana.reyes", "Dana Reyes", "Billing"],
  ["marcus.chen", "Marcus Chen", "Billing"],
  ["priya.natarajan", "Priya Natarajan", "Billing"],
  ["tom.becker", "Tom Becker", "Billing"],
  ["aisha.okafor", "Aisha Okafor", "Technical Support"],
  ["liam.oconnor", "Liam O'Connor", "Technical Support"],
  ["sofia.rossi", "Sofia Rossi", "Technical Support"],
  ["kenji.watanabe", "Kenji Watanabe", "Technical Support"],
  ["elena.petrova", "Elena Petrova", "Retention"],
  ["jamal.wright", "Jamal Wright", "Retention"],
  ["hannah.kim", "Hannah Kim", "Retention"],
  ["diego.alvarez", "Diego Alvarez", "Retention"],
];

export const demoUsers: DemoUser[] = [
  { key: "admin", name: "Alex Admin", role: "admin", teams: [] },
  { key: "leah.morgan", name: "Leah Morgan", role: "qa_lead", teams: [] },
  { key: "quinn.harper", name: "Quinn Harper", role: "qa", teams: [] },
  { key: "rosa.lindqvist", name: "Rosa Lindqvist", role: "qa", teams: [] },
  { key: "sam.patel", name: "Sam Patel", role: "supervisor", teams: ["Billing", "Retention"] },
  { key: "grace.liu", name: "Grace Liu", role: "supervisor", teams: ["Technical Support"] },
  ...agents.map(([key, name, team]) => ({ key, name, role: "agent" as const, teams: [team] })),
];

export const demoEmail = (key: string) => `${key}@${DEMO_DOMAIN}`;
