export {
  actorFromApiKey,
  createApiKey,
  listApiKeys,
  type NewApiKey,
  parseRole,
  revokeApiKey,
  rotateLocalCliKey,
} from "./api-keys.ts";
export { type Access, can, PERMISSIONS, type Resource } from "./permissions.ts";
export { actorFromSession, createSession, endSession, SESSION_COOKIE, SESSION_DAYS } from "./sessions.ts";
export { checkCredentials, createUser, MIN_PASSWORD, setPassword } from "./users.ts";
