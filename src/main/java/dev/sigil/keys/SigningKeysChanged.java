package dev.sigil.keys;

/** A key was generated, rotated in or retired: every node must re-read its keys. Fired inside the transaction. */
public record SigningKeysChanged(String activeKid) {
}
