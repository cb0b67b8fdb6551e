package dev.sigil.keys;

/** Optional body of POST /api/admin/keys/rotate: {@code {"immediate": true}} for a compromised key. */
public record RotateRequest(boolean immediate) {
}
