package dev.sigil.password;

/** Told of every hash that found all slots of the {@link HashBulkhead} busy: how long it waited, and whether it got one. */
@FunctionalInterface
public interface HashWaits {

    HashWaits NONE = (nanos, acquired) -> {
    };

    void waited(long nanos, boolean acquired);
}
