package dev.sigil.token;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method (or every method of a resource class) as protected: a valid bearer access token is
 * required, and the caller needs one of the roles. Sigil's own annotation rather than {@code @RolesAllowed}: Payara
 * enforces {@code @RolesAllowed} on CDI beans against the container's (anonymous) identity and answers with its own
 * HTML 401 before the resource is reached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {
    String[] value();
}
