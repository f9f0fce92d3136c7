/** Why a viewer's console shows a change disabled: said wherever it is, in the same words. */
export const VIEWER_REASON = "Viewers can read the inbox but not change or answer messages: an admin can give you the agent role in Settings → Users and roles.";
