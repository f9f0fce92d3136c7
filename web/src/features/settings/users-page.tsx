import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { USER_ROLES, createUserRequestSchema, type ManagedUser, type UserRole } from "@surgedesk/shared";
import { meQueryOptions } from "../auth/session-queries.ts";
import { ConfirmButton } from "../../design/confirm-button.tsx";
import { ROLE_HINTS, ROLE_NAMES } from "./names.ts";
import { Notice } from "../../design/notice.tsx";
import { settingsKeys } from "./settings-keys.ts";
import { addUser, disableUser, enableUser, updateUser, usersQueryOptions } from "./user-queries.ts";

const PASSWORD_RULE = "At least 10 characters. The person can sign in with it at once; a new password signs them out everywhere else.";

/** Users and roles: who can sign in to this workspace, and what they may do. */
export function UsersPage() {
  const users = useQuery(usersQueryOptions);
  return (
    <div className="settings-page">
      <h1>Users and roles</h1>
      <p className="muted">Admins do everything; agents triage and reply; viewers read only. A disabled user cannot sign in and their API tokens stop working.</p>
      {users.isPending && <p className="muted">Loading users…</p>}
      {users.isError && <Notice tone="error">Could not load the users: {users.error.message}</Notice>}
      {users.data && (users.data.length === 0 ? <p className="empty-state">Nobody here yet: add the first user below.</p> : <UserList users={users.data} />)}
      <AddUserForm />
    </div>
  );
}

function UserList({ users }: { users: ManagedUser[] }) {
  return (
    <ul className="settings-list" aria-label="Users">
      {users.map((user) => (
        <UserRow key={user.id} user={user} />
      ))}
    </ul>
  );
}

type Outcome = { tone: "success" | "error"; text: string } | null;

function UserRow({ user }: { user: ManagedUser }) {
  const queryClient = useQueryClient();
  const { data: me } = useQuery(meQueryOptions);
  const [role, setRole] = useState<UserRole>(user.role);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const isMe = me?.id === user.id;
  const done = (text: string) => {
    setOutcome({ tone: "success", text });
    void queryClient.invalidateQueries({ queryKey: settingsKeys.users });
    void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
  };
  const failed = (error: Error) => setOutcome({ tone: "error", text: error.message });

  const changeRole = useMutation({
    mutationFn: () => updateUser(user.id, { role }),
    onSuccess: (updated) => done(`${updated.name} is now ${ROLE_NAMES[updated.role]}.`),
    onError: failed,
  });
  const resetPassword = useMutation({
    mutationFn: () => updateUser(user.id, { password }),
    onSuccess: () => {
      setResetting(false);
      setPassword("");
      done(`${user.name} has a new password and was signed out of their other sessions.`);
    },
    onError: failed,
  });
  const disable = useMutation({ mutationFn: () => disableUser(user.id), onSuccess: () => done(`${user.name} is disabled: they cannot sign in.`), onError: failed });
  const enable = useMutation({ mutationFn: () => enableUser(user.id), onSuccess: () => done(`${user.name} can sign in again.`), onError: failed });
  const passwordCheck = password ? createUserRequestSchema.shape.password.safeParse(password) : null;

  return (
    <li className={`settings-item${user.disabled ? " is-disabled" : ""}`} aria-label={user.name}>
      <div className="item-head">
        <strong>{user.name}</strong>
        {isMe && <span className="badge">you</span>}
        <span className={`state ${user.disabled ? "state-problem" : "state-ok"}`}>{user.disabled ? "Disabled" : "Active"}</span>
      </div>
      <div className="muted wrap">{user.email}</div>
      <div className="item-actions">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setOutcome(null);
            changeRole.mutate();
          }}
        >
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value as UserRole)} disabled={isMe} title={isMe ? "You cannot take the admin role from yourself" : undefined}>
              {USER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_NAMES[r]}
                </option>
              ))}
            </select>
          </label>
          {!isMe && (
            <button type="submit" disabled={role === user.role || changeRole.isPending}>
              Change role
            </button>
          )}
        </form>
        <button type="button" aria-expanded={resetting} onClick={() => setResetting(!resetting)}>
          Reset password
        </button>
        {user.disabled ? (
          <button type="button" onClick={() => enable.mutate()} disabled={enable.isPending}>
            Re-enable
          </button>
        ) : (
          <ConfirmButton
            label="Disable"
            ariaLabel={`Disable ${user.name}`}
            confirmLabel={`Disable ${user.name}`}
            question={`Disable ${user.name}? They are signed out at once, cannot sign in, and their API tokens stop working until re-enabled.`}
            onConfirm={() => {
              setOutcome(null);
              disable.mutate();
            }}
            disabled={disable.isPending}
          />
        )}
      </div>
      {resetting && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setOutcome(null);
            if (passwordCheck?.success) resetPassword.mutate();
          }}
        >
          <label>
            New password for {user.name}
            <input
              type="password"
              autoComplete="new-password"
              value={password}
              autoFocus
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={`password-rule-${user.id}`}
              aria-invalid={passwordCheck ? !passwordCheck.success : undefined}
            />
          </label>
          <button type="submit" disabled={!passwordCheck?.success || resetPassword.isPending}>
            Set password
          </button>
          <p className="muted hint" id={`password-rule-${user.id}`}>
            {passwordCheck && !passwordCheck.success ? passwordCheck.error.issues[0]!.message : PASSWORD_RULE}
          </p>
        </form>
      )}
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
    </li>
  );
}

function AddUserForm() {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: "", name: "", role: "agent" as UserRole, password: "" });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: addUser,
    onSuccess: () => {
      setForm({ email: "", name: "", role: "agent", password: "" });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.users });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
  });
  const set = (field: keyof typeof form) => (value: string) => {
    add.reset();
    setForm({ ...form, [field]: value });
  };
  const problem = (field: string) =>
    problems[field] ? (
      <span className="field-error" id={`new-user-${field}-error`}>
        {problems[field]}
      </span>
    ) : null;

  return (
    <section className="settings-card" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add a user</h2>
      <form
        className="stacked-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = createUserRequestSchema.safeParse(form);
          if (!parsed.success) {
            setProblems(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), fieldMessage(String(issue.path[0]), issue.message)])));
            return;
          }
          setProblems({});
          add.mutate(parsed.data);
        }}
      >
        <label>
          Email
          <input type="email" autoComplete="off" value={form.email} onChange={(e) => set("email")(e.target.value)} aria-invalid={Boolean(problems.email)} />
          {problem("email")}
        </label>
        <label>
          Name
          <input value={form.name} autoComplete="off" onChange={(e) => set("name")(e.target.value)} aria-invalid={Boolean(problems.name)} />
          {problem("name")}
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => set("role")(e.target.value)}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]} — {ROLE_HINTS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Initial password
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => set("password")(e.target.value)}
            aria-describedby="new-user-password-rule"
            aria-invalid={Boolean(problems.password)}
          />
          {problem("password")}
        </label>
        <p className="muted hint" id="new-user-password-rule">
          {PASSWORD_RULE} Give it to them privately.
        </p>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>
            Add user
          </button>
        </div>
      </form>
      {add.isSuccess && <Notice tone="success">Added {add.data.name} as {ROLE_NAMES[add.data.role]}.</Notice>}
      {add.isError && <Notice tone="error">{add.error.message}</Notice>}
    </section>
  );
}

/** zod's generic messages, said for this form. */
function fieldMessage(field: string, message: string): string {
  if (field === "email") return "Enter an email address like name@example.com.";
  if (field === "name") return "Enter the person's name.";
  return message.startsWith("Too small") ? "Use at least 10 characters." : message;
}
