package dev.sigil.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A rolled-back change must never leave the in-memory view ahead of the database: revocations reach the registry only
 * as events observed after a successful commit (CDI calls an AFTER_SUCCESS observer only once the transaction
 * committed, and drops it on rollback), never by a direct call from inside the transaction.
 */
class RevocationsAfterCommitTest {

    @Test
    void revocationsHoldNoReferenceToTheRegistryOnlyEvents() {
        List<Class<?>> fieldTypes = Arrays.stream(Revocations.class.getDeclaredFields()).map(Field::getType).toList();

        assertFalse(fieldTypes.contains(RevocationRegistry.class), fieldTypes.toString());
        assertTrue(fieldTypes.stream().allMatch(Event.class::equals), fieldTypes.toString());
    }

    @Test
    void registryAppliesBothKindsOfRevocationOnlyAfterSuccess() {
        Set<Class<?>> observed = Arrays.stream(RevocationRegistry.class.getDeclaredMethods())
                .flatMap(method -> Arrays.stream(method.getParameters()))
                .filter(parameter -> parameter.isAnnotationPresent(Observes.class))
                .peek(parameter -> assertEquals(TransactionPhase.AFTER_SUCCESS,
                        parameter.getAnnotation(Observes.class).during(), parameter.toString()))
                .map(Parameter::getType)
                .collect(Collectors.toSet());

        assertEquals(Set.of(SessionEnded.class, UserTokensRevoked.class), observed);
    }
}
