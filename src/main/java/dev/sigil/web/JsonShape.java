package dev.sigil.web;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * Checks a parsed body against the Java type it is bound to, before JSON-B binds it: every member of an object must
 * be a component of the record, and every value must have the JSON type of its component (a string for a
 * {@code String}, an array for a collection). JSON-B alone would ignore unknown members and coerce scalars.
 */
final class JsonShape {

    private JsonShape() {
    }

    static void check(JsonValue value, Type type) {
        check(value, type, "The request body");
    }

    /** {@code subject} names the value in a refusal: "The member username", "An element of the member roles". */
    private static void check(JsonValue value, Type type, String subject) {
        Class<?> raw = raw(type);
        if (value.getValueType() == JsonValue.ValueType.NULL && !raw.isPrimitive()) {
            return;
        }
        if (raw.isRecord()) {
            JsonObject object = expect(value, JsonValue.ValueType.OBJECT, subject, "an object").asJsonObject();
            object.forEach((name, memberValue) -> {
                RecordComponent component = component(raw, name).orElseThrow(
                        () -> new InvalidRequest("The member " + shown(name) + " is not allowed here."));
                check(memberValue, component.getGenericType(), "The member " + name);
            });
        } else if (Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            String elements = "An element of " + Character.toLowerCase(subject.charAt(0)) + subject.substring(1);
            expect(value, JsonValue.ValueType.ARRAY, subject, "an array").asJsonArray()
                    .forEach(item -> check(item, element, elements));
        } else if (raw == String.class) {
            expect(value, JsonValue.ValueType.STRING, subject, "a string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
                throw wrongType(subject, "true or false");
            }
        } else if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            expect(value, JsonValue.ValueType.NUMBER, subject, "a number");
        }
    }

    /** The JSON name of a record component: its {@code @JsonbProperty}, else the component name. */
    static String jsonName(Class<?> record, String componentName) {
        return Arrays.stream(record.getRecordComponents())
                .filter(component -> component.getName().equals(componentName))
                .findFirst()
                .map(JsonShape::jsonName)
                .orElse(componentName);
    }

    private static String jsonName(RecordComponent component) {
        // @JsonbProperty cannot target a record component: Java puts it on the accessor (and the field).
        JsonbProperty property = component.getAccessor().getAnnotation(JsonbProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static Optional<RecordComponent> component(Class<?> record, String jsonName) {
        return Arrays.stream(record.getRecordComponents())
                .filter(component -> jsonName(component).equals(jsonName))
                .findFirst();
    }

    private static JsonValue expect(JsonValue value, JsonValue.ValueType type, String subject, String what) {
        if (value.getValueType() != type) {
            throw wrongType(subject, what);
        }
        return value;
    }

    private static InvalidRequest wrongType(String subject, String what) {
        return new InvalidRequest(subject + " must be " + what + ".");
    }

    /** A client-chosen member name, cut to a length fit for an error message. */
    private static String shown(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
