package org.jgrad.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.tensor.DType;

/**
 * The JSON header of a safetensors file: written compact and padded with spaces to a multiple of 8
 * bytes; read strictly (duplicate keys, trailing garbage, wrong types and impossible shapes are
 * errors that name the file and the tensor).
 */
final class SafeTensorsHeader {
    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A parsed header: the tensors as listed and the metadata strings. */
    record Parsed(List<HeaderEntry> entries, Map<String, String> metadata) {
    }

    private SafeTensorsHeader() {
    }

    /** The header bytes: {@code __metadata__} first (if any), then the entries in order, padded to 8. */
    static byte[] encode(List<HeaderEntry> entries, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        for (HeaderEntry e : entries) {
            ObjectNode node = root.putObject(e.name());
            node.put("dtype", HeaderEntry.code(e.dtype()));
            ArrayNode shape = node.putArray("shape");
            for (int d : e.shape()) {
                shape.add(d);
            }
            node.putArray("data_offsets").add(e.begin()).add(e.end());
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** Parses and checks the header of {@code file}; entries are returned in header order. */
    static Parsed parse(Path file, byte[] header) throws FileFormatException {
        if (header.length == 0 || header[0] != '{') {
            throw new FileFormatException(file, "the header does not start with '{' as a safetensors header must;"
                    + " this is not a safetensors file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw new FileFormatException(file, "the header is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")"));
        } catch (IOException e) {
            throw new FileFormatException(file, "the header could not be parsed: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new FileFormatException(file, "the header is JSON but not an object");
        }
        List<HeaderEntry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = metadata(file, field.getValue());
            } else {
                entries.add(entry(file, field.getKey(), field.getValue()));
            }
        }
        return new Parsed(entries, metadata);
    }

    private static Map<String, String> metadata(Path file, JsonNode node) throws FileFormatException {
        if (!node.isObject()) {
            throw new FileFormatException(file, METADATA_KEY + " is a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + "; it must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new FileFormatException(file, METADATA_KEY + " value of '" + field.getKey() + "' is "
                        + field.getValue() + "; safetensors metadata maps strings to strings only");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static HeaderEntry entry(Path file, String name, JsonNode node) throws FileFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new FileFormatException(file, where + " is described by " + node
                    + "; expected an object with dtype, shape and data_offsets");
        }
        JsonNode code = node.get("dtype");
        if (code == null || !code.isTextual()) {
            throw new FileFormatException(file, where + " has no dtype string (found " + code + ")");
        }
        DType dtype = HeaderEntry.dtypeOf(code.textValue());
        if (dtype == null) {
            throw new FileFormatException(file, where + " has dtype " + code.textValue() + "; " + code.textValue()
                    + " is not supported: jgrad reads F32 and F64 only (convert the tensor before saving it)");
        }
        int[] shape = shape(file, where, node.get("shape"));
        long[] offsets = offsets(file, where, node.get("data_offsets"));
        return new HeaderEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static int[] shape(Path file, String where, JsonNode node) throws FileFormatException {
        if (node == null || !node.isArray()) {
            throw new FileFormatException(file, where + " has no shape array (found " + node + ")");
        }
        int[] shape = new int[node.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                throw new FileFormatException(file, where + " has shape " + node + ": dimensions must be integers");
            }
            if (d.longValue() < 0) {
                throw new FileFormatException(file, where + " has shape " + node + ": dimensions must be >= 0");
            }
            if (d.longValue() > Integer.MAX_VALUE || (count *= d.longValue()) > Integer.MAX_VALUE - 8) {
                throw new FileFormatException(file, where + " has shape " + node
                        + ": more than 2^31 values, which a jgrad tensor cannot hold");
            }
            shape[i] = (int) d.longValue();
        }
        return shape;
    }

    private static long[] offsets(Path file, String where, JsonNode node) throws FileFormatException {
        if (node == null || !node.isArray() || node.size() != 2) {
            throw new FileFormatException(file, where + " has data_offsets " + node + "; expected [begin, end]");
        }
        long[] offsets = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = node.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw new FileFormatException(file, where + " has data_offsets " + node
                        + "; offsets must be integers from 0 to 2^63");
            }
            offsets[i] = o.longValue();
        }
        if (offsets[0] > offsets[1]) {
            throw new FileFormatException(file, where + " has data_offsets " + node + ": begin is after end");
        }
        return offsets;
    }
}
