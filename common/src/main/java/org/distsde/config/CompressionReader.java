package org.distsde.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distsde.compress.Arguments;
import org.distsde.compress.CompressorFactory;
import org.distsde.compress.Compressors;

/**
 * Reads {@code compression} from the JSON: {@code type}, its parameters with the shapes its
 * {@link CompressorFactory} declares (a number must be a JSON number: no strings coerced), or
 * {@code agents}, a list of such objects. Every error is a {@link ConfigException} naming the
 * field ({@code compression.p}, {@code compression.agents[2].type}, …).
 */
final class CompressionReader extends JsonDeserializer<CompressionSpec> {
    @Override
    public CompressionSpec deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        final JsonNode node = ctx.readTree(p);
        return read(node, "compression", true);
    }

    static CompressionSpec read(JsonNode node, String path, boolean top) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ConfigException("field '" + path + "' must be an object {\"type\": ...}");
        }
        final JsonNode agents = node.get("agents");
        if (top && agents != null && !agents.isNull()) {
            if (!agents.isArray()) {
                throw new ConfigException("field '" + path + ".agents' must be an array of compressors");
            }
            final List<CompressionSpec> each = new ArrayList<>();
            for (int i = 0; i < agents.size(); i++) {
                each.add(read(agents.get(i), path + ".agents[" + i + "]", false));
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                final String name = it.next();
                if (!name.equals("agents") && !name.equals(CompressionSpec.SHIFT_RATE)) {
                    throw new ConfigException("" + path + "." + name + " does not apply with " + path
                            + ".agents (every agent's compressor is in its entry)");
                }
            }
            return new CompressionSpec(null, null, each, shiftRate(node, path));
        }
        final JsonNode typeNode = node.get("type");
        if (typeNode != null && !typeNode.isNull() && !typeNode.isTextual()) {
            throw new ConfigException("field '" + path + ".type' has a value of the wrong type (expected a "
                    + "string, one of " + String.join(", ", Compressors.types()) + ")");
        }
        final String type = typeNode == null || typeNode.isNull() ? CompressionSpec.NONE : typeNode.asText();
        final CompressorFactory f;
        try {
            f = Compressors.of(type, path + ".type");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        final Map<String, double[]> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> e = it.next();
            final String name = e.getKey();
            if (name.equals("type") || e.getValue().isNull() || top && name.equals(CompressionSpec.SHIFT_RATE)) {
                continue;
            }
            final CompressorFactory.Shape shape = f.parameters().get(name);
            if (shape == null) {
                throw new ConfigException("unknown field '" + path + "." + name + "' (compression.type " + type
                        + (f.parameters().isEmpty() ? " has no parameters)"
                        : " has " + String.join(", ", f.parameters().keySet()) + ")"));
            }
            values.put(name, value(e.getValue(), shape, path + "." + name));
        }
        return new CompressionSpec(type, new Arguments(path, values), null, top ? shiftRate(node, path) : null);
    }

    /** {@code shiftRate} (DIANA's α) beside the compressor, or null. */
    private static Double shiftRate(JsonNode node, String path) {
        final JsonNode v = node.get(CompressionSpec.SHIFT_RATE);
        return v == null || v.isNull() ? null : number(v, path + "." + CompressionSpec.SHIFT_RATE);
    }

    /** A parameter's value in its declared shape; JSON numbers only. */
    private static double[] value(JsonNode v, CompressorFactory.Shape shape, String field) {
        return switch (shape) {
            case NUMBER -> new double[] {number(v, field)};
            case INTEGER -> {
                if (!v.isIntegralNumber()) {
                    throw new ConfigException("field '" + field + "' has a value of the wrong type (" + v
                            + ", expected an integer)");
                }
                yield new double[] {v.asLong()};
            }
            case NUMBERS -> {
                if (!v.isArray()) {
                    yield new double[] {number(v, field)}; // a single value as an array of one
                }
                final double[] r = new double[v.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = number(v.get(i), field + "[" + i + "]");
                }
                yield r;
            }
        };
    }

    private static double number(JsonNode v, String field) {
        if (!v.isNumber()) {
            throw new ConfigException("field '" + field + "' has a value of the wrong type (" + v
                    + ", expected a number)");
        }
        return v.asDouble();
    }
}
