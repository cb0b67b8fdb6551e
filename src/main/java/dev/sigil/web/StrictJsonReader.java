package dev.sigil.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads every JSON request body that binds to a record through {@link StrictJson}, in place of the runtime's lenient
 * JSON-B reader. It declares {@code Record}, not {@code Object}: the runtime picks the reader with the closest type,
 * and between two {@code Object} readers its choice is arbitrary. {@link StrictJsonArrayReader} does collections.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJsonReader implements MessageBodyReader<Record> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        return read(entity, genericType);
    }

    /** The body is read whole: {@link RequestLimits} caps it at 64 KiB. */
    static <T> T read(InputStream entity, Type type) throws IOException {
        // RFC 8259 §8.1: JSON exchanged between systems is UTF-8.
        String body = new String(entity.readAllBytes(), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            throw new InvalidRequest("The request body must be a JSON value.");
        }
        return StrictJson.read(body, type);
    }
}
