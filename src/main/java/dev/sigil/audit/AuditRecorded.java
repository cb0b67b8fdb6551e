package dev.sigil.audit;

/**
 * An audit event was written, fired inside the transaction that writes it: observers that must count only what the
 * database kept observe it {@code during = AFTER_SUCCESS}. Carries no username and no IP.
 */
public record AuditRecorded(AuditType type, String detail) {
}
