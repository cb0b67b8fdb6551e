package dev.sigil.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.Optional;

/** Reads an optional JSON body that arrived as text. */
public final class JsonBodies {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonBodies() {
    }

    /** Empty for a missing or blank body; {@link InvalidRequest} for a body that is not JSON of the type. */
    public static <T> Optional<T> optional(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSONB.fromJson(body, type));
        } catch (JsonbException e) {
            throw MalformedJsonMapper.malformed();
        }
    }
}
