package dev.sigil.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.web.InvalidToken;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer a,b", "Bearer \"abc\"", "Bearer ab=c", "Bearer =abc", "Bearer ===", "Bearer tökén", "Bearer a=b=",
        "bearer <script>"})
    void malformedBearerIsRejected(String header) {
        assertThrows(InvalidToken.class, () -> BearerToken.from(header));
    }

    @Test
    void overlongTokenIsRejected() {
        assertThrows(InvalidToken.class, () -> BearerToken.from("Bearer " + "a".repeat(8193)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Digest username=x", "Bearerabc"})
    void absentOrOtherSchemeMeansNoToken(String header) {
        assertTrue(BearerToken.from(header).isEmpty());
    }

    @Test
    void missingHeaderMeansNoToken() {
        assertTrue(BearerToken.from(null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "  Bearer   abc.def.ghi  "})
    void tokenIsReadWhateverTheSchemeCaseAndSpacing(String header) {
        assertEquals(Optional.of("abc.def.ghi"), BearerToken.from(header));
    }

    @Test
    void b64TokenWithPaddingIsRead() {
        assertEquals(Optional.of("a-b_c~d+e/f=="), BearerToken.from("Bearer a-b_c~d+e/f=="));
    }
}
