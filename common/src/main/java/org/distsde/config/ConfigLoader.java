package org.distsde.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment config (JSON), applies {@code --set path=value} overrides, expands the
 * {@code sweep} object ({@code {"noise.sigma1": [0.1, 1, 3], ...}}) into series and binds each one
 * to a validated {@link ExperimentConfig}. Every failure is a {@link ConfigException} with one
 * line naming the field.
 */
public final class ConfigLoader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION) // {"runs": 1, "runs": 5}
            .withCoercionConfig(LogicalType.Boolean, c -> c // 3 and "true" are not booleans
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c // "2.5" is not a number
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c // nor is "10"
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();

    private ConfigLoader() { }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A loaded experiment: its resolved tree (overrides applied, sweep kept) and its series. */
    public record Experiment(ObjectNode tree, List<Series> series) {
        public ExperimentConfig first() {
            return series.get(0).config();
        }
    }

    public static Experiment load(Path file, List<String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config: file not found: " + file);
        }
        final JsonNode root;
        try {
            final String text = Files.readString(file);
            root = MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text); // a UTF-8 byte-order mark
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: malformed JSON in " + file + " at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
        }
        return resolve(root, overrides);
    }

    public static Experiment parse(String json, List<String> overrides) {
        try {
            return resolve(MAPPER.readTree(json), overrides);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static Experiment resolve(JsonNode root, List<String> overrides) {
        if (root == null || !root.isObject()) {
            throw new ConfigException("config: the top level must be a JSON object");
        }
        final ObjectNode tree = (ObjectNode) root.deepCopy();
        for (String o : overrides) {
            applyOverride(tree, o);
        }
        final ObjectNode base = tree.deepCopy();
        final JsonNode sweep = base.remove("sweep");
        final List<String> keys = new ArrayList<>();
        final List<List<JsonNode>> values = new ArrayList<>();
        if (sweep != null && !sweep.isNull()) {
            if (!sweep.isObject()) {
                throw new ConfigException("sweep must be an object {\"path\": [values...]}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = sweep.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    throw new ConfigException("sweep." + e.getKey() + " must be a non-empty array of values");
                }
                keys.add(e.getKey());
                final List<JsonNode> vs = new ArrayList<>();
                e.getValue().forEach(vs::add);
                values.add(vs);
            }
        }
        final List<Series> series = new ArrayList<>();
        final int[] idx = new int[keys.size()];
        int index = 0;
        while (true) {
            final ObjectNode t = base.deepCopy();
            final Map<String, String> params = new LinkedHashMap<>();
            final StringBuilder label = new StringBuilder();
            for (int k = 0; k < keys.size(); k++) {
                final JsonNode v = values.get(k).get(idx[k]);
                final String vs;
                if (keys.get(k).equals(CASES)) { // a case sets several paths together
                    vs = applyCase(t, v);
                } else {
                    setPath(t, keys.get(k), v, "sweep." + keys.get(k));
                    vs = v.isTextual() ? v.asText() : v.toString();
                }
                params.put(keys.get(k), vs);
                label.append(k == 0 ? "" : " ").append(keys.get(k)).append('=').append(vs);
            }
            final String where = keys.isEmpty() ? "" : " (series " + label + ")";
            series.add(new Series(index++, keys.isEmpty() ? "base" : label.toString(), params, bind(t, where)));
            int k = keys.size() - 1;
            while (k >= 0 && ++idx[k] == values.get(k).size()) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        return new Experiment(tree, series);
    }

    /** The sweep key whose values are objects {"label": …, "path": value, …} applied together. */
    static final String CASES = "cases";

    /** Applies one case of {@code sweep.cases}; returns its label (its "label" field, else its JSON). */
    private static String applyCase(ObjectNode t, JsonNode c) {
        if (!c.isObject()) {
            throw new ConfigException("sweep.cases must be an array of objects {\"label\": ..., \"path\": value, ...}");
        }
        String label = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("label")) {
                label = e.getValue().asText();
            } else {
                setPath(t, e.getKey(), e.getValue(), "sweep.cases." + e.getKey());
            }
        }
        return label != null ? label : c.toString();
    }

    /**
     * Applies one {@code path=value}; the value is read as JSON when it parses, else as a string.
     * Setting a path the sweep varies fixes it to that value and removes it from the sweep.
     */
    public static void applyOverride(ObjectNode tree, String override) {
        final int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set expects key.path=value (got '" + override + "')");
        }
        final String path = override.substring(0, eq).trim();
        final String text = override.substring(eq + 1).trim();
        JsonNode v;
        try {
            v = MAPPER.readTree(text);
            if (v == null || v.isMissingNode()) {
                v = TextNode.valueOf(text);
            }
        } catch (JsonProcessingException e) {
            if (text.startsWith("{") || text.startsWith("[")) { // meant as JSON: say so, do not take it as a string
                throw new ConfigException("--set " + path + ": malformed JSON value '" + text + "' ("
                        + e.getOriginalMessage() + ")");
            }
            v = TextNode.valueOf(text);
        }
        setPath(tree, path, v, "--set " + path);
        // a value set on the command line pins a swept path: it leaves the sweep
        final JsonNode sweep = tree.get("sweep");
        if (sweep instanceof ObjectNode sw && sw.has(path)) {
            sw.remove(path);
            if (sw.isEmpty()) {
                tree.remove("sweep");
            }
        }
    }

    private static void setPath(ObjectNode tree, String path, JsonNode value, String where) {
        final String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                throw new ConfigException(where + ": empty path segment");
            }
            final JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                node = node.putObject(parts[i]);
            } else if (child.isObject()) {
                node = (ObjectNode) child;
            } else {
                throw new ConfigException(where + ": " + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                        + " is not an object");
            }
        }
        if (parts[parts.length - 1].isEmpty()) {
            throw new ConfigException(where + ": empty path segment");
        }
        node.set(parts[parts.length - 1], value);
    }

    private static ExperimentConfig bind(ObjectNode t, String where) {
        unknownFields(t, ExperimentConfig.class, "", where); // before the records' own checks (missing fields)
        try {
            return MAPPER.treeToValue(t, ExperimentConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException("config: " + bindError(e) + where);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: " + e.getOriginalMessage() + where);
        }
    }

    /**
     * Refuses a field that no record component names (e.g. a misspelt {@code agent}) before the
     * records are built, so it is reported rather than the required field it was meant to be.
     * Walks nested records and lists of records; a type with its own reader checks its fields itself.
     */
    private static void unknownFields(JsonNode node, Class<?> type, String path, String where) {
        if (!node.isObject() || !type.isRecord() || type.isAnnotationPresent(JsonDeserialize.class)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> e = it.next();
            final String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            RecordComponent rc = null;
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(e.getKey()) && !ignored(type, c)) {
                    rc = c;
                }
            }
            if (rc == null) {
                throw new ConfigException("config: unknown field '" + field + "'" + where);
            }
            final JsonNode v = e.getValue();
            if (rc.getType().isRecord()) {
                unknownFields(v, rc.getType(), field, where);
            } else if (List.class.isAssignableFrom(rc.getType()) && v.isArray()
                    && rc.getGenericType() instanceof ParameterizedType pt) {
                final Type element = pt.getActualTypeArguments()[0];
                for (int i = 0; element instanceof Class<?> ec && i < v.size(); i++) {
                    unknownFields(v.get(i), ec, field + "[" + i + "]", where);
                }
            }
        }
    }

    /** True when a record component is not read from the JSON ({@code @JsonIgnore} on its field). */
    private static boolean ignored(Class<?> type, RecordComponent c) {
        try {
            return type.getDeclaredField(c.getName()).isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** The one-line reason of a binding error, naming the field. */
    private static String bindError(JsonMappingException e) {
        if (e instanceof ValueInstantiationException) { // a record's constructor refused its values
            Throwable c = e.getCause();
            while (c != null && !(c instanceof ConfigException) && !(c instanceof IllegalArgumentException)
                    && c.getCause() != null) {
                c = c.getCause();
            }
            return c == null ? e.getOriginalMessage() : c.getMessage();
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) { // a field's own reader refused it
            if (c instanceof ConfigException ce) {
                return ce.getMessage();
            }
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field '" + path(e) + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return "field '" + path(e) + "' has a value of the wrong type (" + f.getValue() + ", expected "
                    + f.getTargetType().getSimpleName() + ")";
        }
        if (e instanceof MismatchedInputException m) {
            return "field '" + path(e) + "' has a value of the wrong type (expected "
                    + (m.getTargetType() == null ? "?" : m.getTargetType().getSimpleName()) + ")";
        }
        return "field '" + path(e) + "': " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        final StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** Unused-variable guard for ArrayNode import in some JDKs. */
    static boolean isArray(JsonNode n) {
        return n instanceof ArrayNode;
    }
}
