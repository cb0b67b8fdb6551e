package dev.sigil.web;

import java.util.Optional;

/** Reads an optional JSON body that arrived as text, as strictly as {@link StrictJsonReader} reads a required one. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** Empty for a missing or blank body; {@link InvalidRequest} for a body that is not JSON of the type. */
    public static <T> Optional<T> optional(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(StrictJson.read(body, type));
    }
}
