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
        check(value, type, null);
    }

    private static void check(JsonValue value, Type type, String member) {
        Class<?> raw = raw(type);
        if (value.getValueType() == JsonValue.ValueType.NULL && !raw.isPrimitive()) {
            return;
        }
        if (raw.isRecord()) {
            JsonObject object = expect(value, JsonValue.ValueType.OBJECT, member, "an object").asJsonObject();
            object.forEach((name, memberValue) -> {
                RecordComponent component = component(raw, name).orElseThrow(
                        () -> new InvalidRequest("The member " + shown(name) + " is not allowed here."));
                check(memberValue, component.getGenericType(), name);
            });
        } else if (Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            String where = member == null ? "element" : member;
            expect(value, JsonValue.ValueType.ARRAY, member, "an array").asJsonArray()
                    .forEach(item -> check(item, element, where));
        } else if (raw == String.class) {
            expect(value, JsonValue.ValueType.STRING, member, "a string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw wrongType(member, "true or false");
            }
        } else if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            expect(value, JsonValue.ValueType.NUMBER, member, "a number");
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

    private static JsonValue expect(JsonValue value, JsonValue.ValueType type, String member, String what) {
        if (value.getValueType() != type) {
            throw wrongType(member, what);
        }
        return value;
    }

    private static InvalidRequest wrongType(String member, String what) {
        return new InvalidRequest(member == null
                ? "The request body must be " + what + "."
                : "The member " + member + " must be " + what + ".");
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
