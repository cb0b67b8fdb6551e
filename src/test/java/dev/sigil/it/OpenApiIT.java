package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.web.RestApplication;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 8: the OpenAPI document at /openapi (src/main/resources/META-INF/openapi.yaml, served by the server's
 * MicroProfile OpenAPI) lists exactly the JAX-RS resource methods of dev.sigil, and for each operation exactly the
 * statuses of its row in the README's API table. Every failure message names the operation and the statuses that
 * differ, so that a document out of step is fixed in one pass.
 */
class OpenApiIT {

    /** The statuses of RFC 9110 (and 429 of RFC 6585) from 2xx to 5xx: a number in a README cell that is none is no status. */
    private static final Set<Integer> HTTP_STATUSES = Set.of(200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303,
            304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416,
            417, 421, 422, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505);
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern CODE_SPAN = Pattern.compile("`([A-Z]+) (/[^`\\s?]*)[^`]*`");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])(\\d{3})(?![\\d])");

    private static JsonObject document;

    @BeforeAll
    static void document() {
        Http http = SigilServer.main().http();
        Http.Reply reply = http.send(http.request("/openapi").header("Accept", "application/json").GET());
        assertEquals(200, reply.status(), reply::toString);
        document = reply.json();
    }

    @Test
    void theDocumentIsOpenApi3WithTheHandWrittenPathsOnly() {
        assertTrue(document.getString("openapi").startsWith("3."), document.getString("openapi"));
        assertEquals("Sigil", document.getJsonObject("info").getString("title"));
        documented().values().forEach(statuses ->
                assertTrue(!statuses.isEmpty(), "an operation without a status: " + documented()));
    }

    @Test
    void everyResourceMethodIsDocumentedAndNothingElse() throws Exception {
        Set<String> resources = resourceOperations();
        Set<String> documented = documented().keySet();
        Set<String> missing = new TreeSet<>(resources);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(resources);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "openapi.yaml is out of step with the resource classes:"
                + (missing.isEmpty() ? "" : "\n  not documented: " + missing)
                + (extra.isEmpty() ? "" : "\n  documented but no resource method: " + extra));
        assertTrue(resources.size() >= 20, "found too few resource methods to be right: " + resources);
    }

    @Test
    void everyOperationDocumentsTheStatusesOfItsReadmeRow() throws IOException, URISyntaxException {
        Map<String, Set<Integer>> readme = readmeRows();
        List<String> problems = new ArrayList<>();
        documented().forEach((operation, statuses) -> {
            Set<Integer> listed = readme.get(operation);
            if (listed == null) {
                problems.add(operation + ": no row in the README's API table (documented " + statuses + ")");
                return;
            }
            Set<Integer> onlyInDocument = new TreeSet<>(statuses);
            onlyInDocument.removeAll(listed);
            Set<Integer> onlyInReadme = new TreeSet<>(listed);
            onlyInReadme.removeAll(statuses);
            if (!onlyInDocument.isEmpty() || !onlyInReadme.isEmpty()) {
                problems.add(operation + ": openapi.yaml " + statuses + ", README " + listed
                        + (onlyInDocument.isEmpty() ? "" : "; only in openapi.yaml " + onlyInDocument)
                        + (onlyInReadme.isEmpty() ? "" : "; only in the README " + onlyInReadme));
            }
        });
        readme.keySet().stream().filter(operation -> !documented().containsKey(operation))
                .forEach(operation -> problems.add(operation + ": a README row, but not in openapi.yaml"));
        assertTrue(problems.isEmpty(), "statuses differ:\n  " + String.join("\n  ", problems));
    }

    /** "METHOD /path" of every operation in the served document, with its documented statuses. */
    private static Map<String, Set<Integer>> documented() {
        Map<String, Set<Integer>> operations = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((key, operation) -> {
            if (OPERATIONS.contains(key)) {
                Set<Integer> statuses = operation.asJsonObject().getJsonObject("responses").keySet().stream()
                        .filter(status -> !status.equals("default")).map(Integer::valueOf)
                        .collect(Collectors.toCollection(TreeSet::new));
                operations.put(key.toUpperCase(java.util.Locale.ROOT) + " " + path, statuses);
            }
        }));
        return operations;
    }

    /** "METHOD /path" of every JAX-RS resource method among the compiled classes of dev.sigil. */
    private static Set<String> resourceOperations() throws IOException, URISyntaxException {
        java.nio.file.Path classes = java.nio.file.Path.of(
                RestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String root = RestApplication.class.getAnnotation(ApplicationPath.class).value();
        Set<String> operations = new TreeSet<>();
        try (var files = Files.walk(classes.resolve("dev/sigil"))) {
            for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
                String name = classes.relativize(file).toString();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Class<?> type = load(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                Path path = type.getAnnotation(Path.class);
                if (path != null) {
                    collect(type, join(root, path.value()), operations);
                }
            }
        }
        return operations;
    }

    /** Resource methods under {@code base}; a sub-resource locator (a @Path without a method) adds its type's. */
    private static void collect(Class<?> type, String base, Set<String> operations) {
        for (Method method : type.getMethods()) {
            Optional<String> verb = httpMethod(method);
            Path path = method.getAnnotation(Path.class);
            String full = path == null ? base : join(base, path.value());
            if (verb.isPresent()) {
                operations.add(verb.get() + " " + full);
            } else if (path != null) {
                collect(method.getReturnType(), full, operations);
            }
        }
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }

    /** Joins path segments with one slash, and drops the regular expression of a template ({id: .+} is {id}). */
    private static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiIT.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The README's API table: the first code span of the first column gives "METHOD /path" (query string dropped),
     * every HTTP status among the numbers of the success and failure columns is listed. Rows of /health/* are
     * Payara's MicroProfile Health, not resources of Sigil's: left out.
     */
    private static Map<String, Set<Integer>> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(java.nio.file.Path.of("README.md"));
        int start = lines.indexOf("## API");
        assertTrue(start >= 0, "README.md has no '## API' section");
        Map<String, Set<Integer>> rows = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            assertTrue(cells.length >= 6, "a row of the API table without four columns: " + line);
            Matcher operation = CODE_SPAN.matcher(cells[1]);
            assertTrue(operation.find(), "a row whose first cell does not start with `METHOD /path`: " + line);
            if (operation.group(2).startsWith("/health/")) {
                continue;
            }
            Set<Integer> statuses = new TreeSet<>();
            Matcher number = NUMBER.matcher(cells[3] + " | " + cells[4]);
            while (number.find()) {
                int status = Integer.parseInt(number.group(1));
                if (HTTP_STATUSES.contains(status)) {
                    statuses.add(status);
                }
            }
            String key = operation.group(1) + " " + operation.group(2);
            assertEquals(null, rows.put(key, statuses), "two README rows for " + key);
        }
        return rows;
    }
}
