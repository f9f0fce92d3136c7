import { z } from "zod";

/** viewer reads; agent triages and replies; admin also manages users, accounts and settings. */
export const USER_ROLES = ["admin", "agent", "viewer"] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  workspaceId: z.string(),
}).meta({ id: "User" });
export type User = z.infer<typeof userSchema>;

/** A user as admins manage them: a disabled user can neither sign in nor use an API token. */
export const managedUserSchema = userSchema.extend({ disabled: z.boolean() }).meta({ id: "ManagedUser" });
export type ManagedUser = z.infer<typeof managedUserSchema>;

export const loginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const createUserRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().min(1).max(200),
  role: userRoleSchema,
  password: z.string().min(10, "Use at least 10 characters.").max(1000),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: userRoleSchema.optional(),
    password: z.string().min(10, "Use at least 10 characters.").max(1000).optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;
