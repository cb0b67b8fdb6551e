package dev.sigil.web;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.Map;

/**
 * The one way Sigil reads a JSON request body (SPEC §4 strict input). It refuses, with a 400 that names what is
 * wrong: text that is not one JSON value (trailing data included), a duplicated member (JSON-P
 * {@code KeyStrategy.NONE}), a member the request record does not have or of the wrong JSON type
 * ({@link JsonShape}: JSON-B would coerce {@code 123} or {@code true} into a string), and a record that breaks its
 * Bean Validation constraints.
 */
public final class StrictJson {

    /**
     * Request records nest two levels deep. Parsson's default limit (1000) is deeper than a worker thread's stack
     * allows: a body of 5000 {@code [} overflowed it. Other JSON-P providers ignore the key.
     */
    private static final String MAX_DEPTH = "org.eclipse.parsson.maxDepth";
    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE, MAX_DEPTH, 16));
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(MAX_DEPTH, 16));
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private StrictJson() {
    }

    /** The body bound to {@code type}; {@link InvalidRequest} naming the problem otherwise. */
    @SuppressWarnings("unchecked")
    public static <T> T read(String body, Type type) {
        JsonValue value = parse(body);
        JsonShape.check(value, type);
        T bound;
        try {
            bound = (T) JSONB.fromJson(value.toString(), type);
        } catch (JsonbException e) {
            throw MalformedJsonMapper.malformed();
        }
        validate(bound);
        return bound;
    }

    private static JsonValue parse(String body) {
        try {
            // The reader refuses a duplicated key but ignores what follows the value; the parser sees trailing data.
            JsonValue value = READERS.createReader(new StringReader(body)).readValue();
            try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
                parser.next();
                parser.getValue();
                if (parser.hasNext()) {
                    throw new JsonException("Expected the end of the body after the JSON value.");
                }
            }
            return value;
        } catch (JsonException e) {
            throw new InvalidRequest("The request body is not valid JSON: " + e.getMessage());
        } catch (RuntimeException tooDeep) {
            // Parsson refuses nesting beyond its limit with a plain RuntimeException.
            throw new InvalidRequest("The request body nests too deeply.");
        }
    }

    private static void validate(Object bound) {
        if (bound == null) {
            return;
        }
        VALIDATOR.validate(bound).stream()
                .min(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .ifPresent(violation -> {
                    throw new InvalidRequest("The member " + memberName(violation) + " " + violation.getMessage() + ".");
                });
    }

    private static String memberName(ConstraintViolation<?> violation) {
        String property = violation.getPropertyPath().iterator().next().getName();
        return JsonShape.jsonName(violation.getRootBeanClass(), property);
    }
}
