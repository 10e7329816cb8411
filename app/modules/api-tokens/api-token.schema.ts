import { z } from "zod";

export const apiTokenNameSchema = z.object({
  name: z
    .string({ error: "Give the token a name" })
    .trim()
    .min(1, "Give the token a name, e.g. the system that will use it")
    .max(80, "Use at most 80 characters"),
});
