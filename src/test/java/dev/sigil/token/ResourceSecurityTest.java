package dev.sigil.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Deny by default: every resource method of Sigil says who may call it, with @RequiresRole or @Public. */
class ResourceSecurityTest {

    @Test
    void everyResourceMethodCarriesRequiresRoleOrPublic() {
        List<String> undeclared = resourceMethods()
                .filter(method -> RoleCheckFeature.accessOf(method, method.getDeclaringClass()).isEmpty())
                .map(method -> method.getDeclaringClass().getName() + "." + method.getName())
                .toList();
        assertEquals(List.of(), undeclared);
    }

    @Test
    void theScanFindsThePublicAndTheProtectedEndpoints() {
        List<String> found = resourceMethods().map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).toList();
        assertTrue(found.containsAll(List.of("LoginResource.login", "RefreshResource.refresh", "JwksResource.jwks",
                "PingResource.ping", "MeResource.me", "UserAdminResource.create")), found::toString);
    }

    @Test
    void aMethodWithNeitherAnnotationIsDenied() throws NoSuchMethodException {
        Method bare = Undeclared.class.getMethod("bare");
        assertTrue(RoleCheckFeature.accessOf(bare, Undeclared.class).isEmpty());
        Method open = Undeclared.class.getMethod("open");
        assertTrue(RoleCheckFeature.accessOf(open, Undeclared.class).orElseThrow().isPublic());
        Method guarded = Undeclared.class.getMethod("guarded");
        assertFalse(RoleCheckFeature.accessOf(guarded, Undeclared.class).orElseThrow().isPublic());
    }

    @Path("undeclared")
    public static class Undeclared {
        @jakarta.ws.rs.GET
        public void bare() {
        }

        @jakarta.ws.rs.GET
        @dev.sigil.web.Public
        public void open() {
        }

        @jakarta.ws.rs.GET
        @RequiresRole({})
        public void guarded() {
        }
    }

    /** The resource methods (HTTP-method or sub-resource) of every {@code @Path} class compiled from src/main. */
    private static Stream<Method> resourceMethods() {
        try {
            var classes = Paths.get(RoleCheckFeature.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
                return files.map(file -> classes.relativize(file).toString())
                        .filter(name -> name.endsWith(".class") && !name.contains("$"))
                        .map(name -> load(name.substring(0, name.length() - ".class".length()).replace('/', '.')))
                        .filter(type -> type.isAnnotationPresent(Path.class))
                        .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                        .filter(ResourceSecurityTest::isResourceMethod)
                        .toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isResourceMethod(Method method) {
        return method.isAnnotationPresent(Path.class) || Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ResourceSecurityTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
