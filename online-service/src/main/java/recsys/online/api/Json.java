package recsys.online.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import recsys.online.error.ApiException;

/** Typed reads of one value of a request body's JSON tree, each failing with a 400 that names the field. */
public final class Json {

    private Json() {
    }

    /** The JSON type of a value, as error messages name it. */
    public static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "missing";
        };
    }

    /** {@code field}'s value must be an object whose keys are all in {@code allowed}. */
    public static void requireObject(String field, JsonNode node, Set<String> allowed) {
        if (!node.isObject()) {
            throw ApiException.badRequest(field, "must be an object, was " + typeOf(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(field + "." + name, "is not a known field; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A string, or each string of a non-empty list of strings: what a field that takes "one or many" holds. */
    public static List<String> oneOrManyStrings(String field, JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field, "must be a string or a list of strings, was " + typeOf(node));
        }
        if (node.isEmpty()) {
            throw ApiException.badRequest(field, "must not be an empty list");
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + "[" + i + "]", "must be a string, was " + typeOf(item));
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** A number, or each number of a non-empty list of numbers; every one finite. */
    public static List<Double> oneOrManyNumbers(String field, JsonNode node) {
        if (node.isNumber()) {
            return List.of(finite(field, node));
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field, "must be a number or a list of numbers, was " + typeOf(node));
        }
        if (node.isEmpty()) {
            throw ApiException.badRequest(field, "must not be an empty list");
        }
        List<Double> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemField = field + "[" + i + "]";
            if (!item.isNumber()) {
                throw ApiException.badRequest(itemField, "must be a number, was " + typeOf(item));
            }
            values.add(finite(itemField, item));
        }
        return values;
    }

    private static double finite(String field, JsonNode number) {
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            throw ApiException.badRequest(field, "must be a finite number, was " + number.asText());
        }
        return value;
    }
}
