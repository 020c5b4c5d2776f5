package io.vigil.testing;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

/**
 * Every REST endpoint Vigil has, found by reading the compiled classes, so a test over all of them cannot forget a new
 * one.
 */
public final class Endpoints {

    /**
     * @param method the HTTP method
     * @param template the path as declared ({@code /api/v1/schedules/{id}})
     * @param resourceMethod the Java method that answers it
     */
    public record Endpoint(String method, String template, Method resourceMethod) {

        /** The path with every parameter filled in with {@code x1}. */
        public String path() {
            return template.replaceAll("\\{[^}]+}", "x1");
        }

        public boolean change() {
            return !method.equals("GET");
        }
    }

    private Endpoints() {
    }

    public static List<Endpoint> all() throws IOException {
        Path classes = Path.of("target", "classes");
        List<Endpoint> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/vigil"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, Endpoints.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class)
                            ? "GET"
                            : m.isAnnotationPresent(POST.class)
                                    ? "POST"
                                    : m.isAnnotationPresent(PUT.class)
                                            ? "PUT"
                                            : m.isAnnotationPresent(DELETE.class)
                                                    ? "DELETE"
                                                    : m.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String template = ("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/")
                            .replaceAll("(.)/$", "$1");
                    out.add(new Endpoint(verb, template, m));
                }
            }
        }
        return out;
    }
}
