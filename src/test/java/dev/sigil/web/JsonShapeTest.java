package dev.sigil.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonShapeTest {

    record Body(String name, @JsonbProperty("role_list") List<String> roles, boolean flag, Integer count) {
    }

    private static final Type ROLES = Body.class.getRecordComponents()[1].getGenericType();

    private static String refusal(String json, Type type) {
        JsonValue value = Json.createReader(new StringReader(json)).readValue();
        return assertThrows(InvalidRequest.class, () -> JsonShape.check(value, type)).detail();
    }

    private static void accepted(String json, Type type) {
        JsonValue value = Json.createReader(new StringReader(json)).readValue();
        assertDoesNotThrow(() -> JsonShape.check(value, type));
    }

    @Test
    void aNumberIsNotAString() {
        assertEquals("The member name must be a string.", refusal("{\"name\":123}", Body.class));
    }

    @Test
    void aStringIsNotABoolean() {
        assertEquals("The member flag must be true or false.", refusal("{\"flag\":\"true\"}", Body.class));
    }

    @Test
    void anUnknownMemberIsNamed() {
        assertEquals("The member enabled is not allowed here.", refusal("{\"enabled\":false}", Body.class));
    }

    @Test
    void theJavaNameOfARenamedMemberIsUnknown() {
        assertEquals("The member roles is not allowed here.", refusal("{\"roles\":[]}", Body.class));
    }

    @Test
    void anElementOfTheWrongTypeIsNamedByItsArray() {
        assertEquals("An element of the member role_list must be a string.",
                refusal("{\"role_list\":[\"a\",1]}", Body.class));
        assertEquals("An element of the request body must be a string.", refusal("[\"a\",true]", ROLES));
    }

    @Test
    void theBodyMustHaveTheShapeOfItsType() {
        assertEquals("The request body must be an object.", refusal("[1]", Body.class));
        assertEquals("The request body must be an array.", refusal("{}", ROLES));
    }

    @Test
    void nullAndAbsentMembersAndRightTypesPass() {
        accepted("{\"name\":null,\"role_list\":[\"a\"],\"flag\":true,\"count\":3}", Body.class);
        accepted("{}", Body.class);
    }
}
