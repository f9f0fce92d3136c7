import type { core } from "zod";

/** "entry.0.id: Invalid input; …": the first few problems, each with where it is. */
export function describeZodIssues(issues: readonly core.$ZodIssue[], whole = "body", limit = 5): string {
  return issues
    .slice(0, limit)
    .map((issue) => `${issue.path.map(String).join(".") || whole}: ${issue.message}`)
    .join("; ");
}
