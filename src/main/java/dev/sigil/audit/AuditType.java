package dev.sigil.audit;

/** Security events kept in the audit trail (SPEC §4). */
public enum AuditType {
    LOGIN_SUCCESS,
    LOGIN_FAILURE,
    LOCKED_OUT,
    REFRESH,
    REFRESH_REUSE_DETECTED,
    LOGOUT,
    LOGOUT_ALL,
    PASSWORD_CHANGED,
    PASSWORD_REHASHED,
    USER_CREATED,
    ROLES_CHANGED,
    USER_DISABLED,
    USER_ENABLED,
    USER_UNLOCKED,
    USER_DELETED,
    KEY_ROTATED
}
