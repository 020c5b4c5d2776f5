package io.vigil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** How a command prints what it got: a table for people, or the API's JSON or YAML as it came, for scripts. */
enum Output {

    TABLE, JSON, YAML;

    private static final YAMLMapper YAML_MAPPER = new YAMLMapper(
            YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

    /** A column of a table: its heading and how to read it from one item. */
    record Column(String heading, Function<JsonNode, String> value) {

        static Column field(String heading, String path) {
            return new Column(heading, n -> text(n.at(path)));
        }
    }

    void print(PrintWriter out, JsonNode data, List<Column> columns) {
        switch (this) {
            case JSON -> out.println(data.toPrettyString());
            case YAML -> {
                try {
                    out.print(YAML_MAPPER.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(data));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new CliFailure(CliFailure.FAILED, "cannot write YAML: " + e.getMessage());
                }
            }
            case TABLE -> table(out, data.isArray() ? data : VigilClient.JSON.createArrayNode().add(data), columns);
        }
        out.flush();
    }

    static void table(PrintWriter out, JsonNode items, List<Column> columns) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::heading).toArray(String[]::new));
        items.forEach(item -> rows.add(columns.stream().map(c -> oneLine(c.value().apply(item))).toArray(String[]::new)));
        int[] widths = new int[columns.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        if (items.isEmpty()) {
            out.println("(none)");
        }
    }

    static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? "" : n.isValueNode() ? n.asText() : n.toString();
    }

    /** A value on one table line: what a server sent may hold line breaks. */
    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > 80 ? flat.substring(0, 79) + "…" : flat;
    }
}
