package dev.sigil.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormParametersTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ClientInfo CALLER = new ClientInfo("192.0.2.1", "test");

    private static String refusal(String contentType, String body) {
        return assertThrows(InvalidRequest.class, () -> FormParameters.parse(contentType, body)).detail();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"application/json", "text/plain", "multipart/form-data; boundary=x", "",
        "application/x-www-form-urlencodedx", "x-www-form-urlencoded"})
    void anotherContentTypeIsInvalidRequest(String contentType) {
        assertTrue(refusal(contentType, "grant_type=password").contains(FORM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
        "Application/X-WWW-Form-URLEncoded;charset=utf-8", " application/x-www-form-urlencoded "})
    void theFormTypeIsAcceptedWithParametersAndInAnyCase(String contentType) {
        assertEquals("password", FormParameters.parse(contentType, "grant_type=password").required("grant_type"));
    }

    @Test
    void aRepeatedParameterIsInvalidRequestEvenWhenBothValuesAgree() {
        assertEquals("The parameter 'grant_type' occurs more than once (RFC 6749 section 3.1).",
                refusal(FORM, "grant_type=password&grant_type=password"));
    }

    @Test
    void aRepeatedParameterIsInvalidRequestEvenWhenOneIsEmptyOrEncodedDifferently() {
        assertTrue(refusal(FORM, "username=&username=alice").contains("'username'"));
        assertTrue(refusal(FORM, "user%6Eame=a&username=b").contains("'username'"));
    }

    @Test
    void theNameShownInAnErrorIsPrintableAsciiAndCut() {
        String detail = refusal(FORM, "%22%0A" + "x".repeat(100) + "=1&%22%0A" + "x".repeat(100) + "=2");
        assertTrue(detail.startsWith("The parameter '??xxx"), detail);
        assertTrue(detail.contains("...'"), detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password=%", "password=%4", "password=%ZZ", "%G1=x", "password=abc%e"})
    void aBrokenEscapeIsInvalidRequest(String body) {
        assertTrue(refusal(FORM, body).contains("'%'"));
    }

    @Test
    void anEmptyValueCountsAsOmitted() {
        FormParameters form = FormParameters.parse(FORM, "grant_type=&username");
        assertEquals(Optional.empty(), form.optional("grant_type"));
        assertEquals(Optional.empty(), form.optional("username"));
        assertEquals("The parameter 'grant_type' is required.",
                assertThrows(InvalidRequest.class, () -> form.required("grant_type")).detail());
    }

    @Test
    void anEmptyOrMissingBodyHasNoParameters() {
        assertFalse(FormParameters.parse(FORM, "").optional("grant_type").isPresent());
        assertFalse(FormParameters.parse(FORM, null).optional("grant_type").isPresent());
        assertFalse(FormParameters.parse(FORM, "&&").optional("grant_type").isPresent());
    }

    @Test
    void valuesAreDecodedAsUtf8WithPlusAsSpace() {
        FormParameters form = FormParameters.parse(FORM, "password=correct+horse%20battery%2Bstaple&username=%C3%A9l%C3%A8ve"
                + "&extra=a%3Db%26c");
        assertEquals("correct horse battery+staple", form.required("password"));
        assertEquals("élève", form.required("username"));
        assertEquals("a=b&c", form.required("extra"));
    }

    @Test
    void unknownParametersAreIgnored() {
        FormParameters form = FormParameters.parse(FORM, "grant_type=password&scope=openid&nonsense=1");
        assertEquals("password", form.required("grant_type"));
    }

    @Test
    void aClientSecretOrAnAuthorizationHeaderIsInvalidClient() {
        assertThrows(InvalidClient.class,
                () -> PublicClient.of(FormParameters.parse(FORM, "client_id=app&client_secret=s"), null, CALLER));
        assertThrows(InvalidClient.class,
                () -> PublicClient.of(FormParameters.parse(FORM, "client_assertion=eyJ.x.y"), null, CALLER));
        assertThrows(InvalidClient.class,
                () -> PublicClient.of(FormParameters.parse(FORM, "client_id=app"), "Basic YXBwOnM=", CALLER));
        assertEquals("Basic realm=\"sigil\"", new InvalidClient().headers().get("WWW-Authenticate"));
        assertEquals(401, new InvalidClient().status());
    }

    @Test
    void anEmptyClientSecretIsNoAuthentication() {
        assertEquals("app", PublicClient.of(FormParameters.parse(FORM, "client_id=app&client_secret="), " ", CALLER)
                .clientId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id=%0A", "client_id=%C3%A9", "client_id=%7F"})
    void aClientIdOutsideVscharIsInvalidRequest(String body) {
        assertThrows(InvalidRequest.class, () -> PublicClient.of(FormParameters.parse(FORM, body), null, CALLER));
    }

    @Test
    void aClientIdOver255CharactersIsInvalidRequest() {
        assertThrows(InvalidRequest.class,
                () -> PublicClient.of(FormParameters.parse(FORM, "client_id=" + "a".repeat(256)), null, CALLER));
        assertEquals("a".repeat(255),
                PublicClient.of(FormParameters.parse(FORM, "client_id=" + "a".repeat(255)), null, CALLER).clientId());
    }

    @Test
    void aClientIdOfPrintableAsciiWithSpacesIsRecorded() {
        ClientInfo client = PublicClient.of(FormParameters.parse(FORM, "client_id=my+app%21%7E"), null, CALLER);
        assertEquals("my app!~", client.clientId());
        assertEquals(CALLER.ip(), client.ip());
        assertEquals(null, PublicClient.of(FormParameters.parse(FORM, ""), null, CALLER).clientId());
    }
}
