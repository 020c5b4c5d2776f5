package io.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The command line's config file, with named contexts as kubectl has them:
 *
 * <pre>
 * current-context: lab
 * contexts:
 *   lab:     { url: http://vigil.lab:8080, token: ... }
 *   staging: { url: http://localhost:18080 }
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CliConfig(@JsonProperty("current-context") String currentContext, Map<String, Context> contexts) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Context(String url, String token) {
    }

    static final Context NONE = new Context(null, null);

    /** The file at {@code file}, or {@code ~/.config/vigil/config.yaml}; none at all is an empty config. */
    static CliConfig load(String file) {
        Path path = file != null && !file.isBlank()
                ? Path.of(file)
                : Path.of(System.getProperty("user.home"), ".config", "vigil", "config.yaml");
        if (!Files.isRegularFile(path)) {
            if (file != null && !file.isBlank()) {
                throw new CliFailure(2, "no config file " + path);
            }
            return new CliConfig(null, Map.of());
        }
        try {
            CliConfig config = new YAMLMapper().readValue(path.toFile(), CliConfig.class);
            return config == null
                    ? new CliConfig(null, Map.of())
                    : new CliConfig(config.currentContext(), config.contexts() == null ? Map.of() : config.contexts());
        } catch (IOException e) {
            throw new CliFailure(2, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** The named context, the current one when none is named, or none. */
    Context context(String name) {
        String wanted = name != null ? name : currentContext;
        if (wanted == null) {
            return NONE;
        }
        Context c = contexts.get(wanted);
        if (c == null) {
            if (name != null) {
                throw new CliFailure(2, "no context '" + name + "' in the config file; it has " + contexts.keySet());
            }
            return NONE;
        }
        return c;
    }
}
