/**
 * Where user profiles live: a storage.local key shared by the panel (which edits them), the
 * background and the popup (which read them). The value is a JSON array of profile objects as the
 * user wrote them, validated by parseUserProfiles before saving.
 */
export const USER_PROFILES_KEY = 'userProfiles';
