package recsys.online.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
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
                throw ApiException.badRequest(field + "." + RequestIds.asField(name, "\"\""),
                        "is not a known field; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A string, or each string of a non-empty list of strings: what a field that takes "one or many" holds. */
    public static List<String> oneOrManyStrings(String field, JsonNode node) {
        return oneOrMany(field, node, JsonNode::isTextual, "string", (itemField, item) -> item.textValue());
    }

    /** A number, or each number of a non-empty list of numbers; every one finite. */
    public static List<Double> oneOrManyNumbers(String field, JsonNode node) {
        return oneOrMany(field, node, JsonNode::isNumber, "number", Json::finite);
    }

    /** One value of a type, or a non-empty list of them, each read by {@code read} (given its own field name). */
    private static <T> List<T> oneOrMany(String field, JsonNode node, Predicate<JsonNode> isType, String type,
                                         BiFunction<String, JsonNode, T> read) {
        if (isType.test(node)) {
            return List.of(read.apply(field, node));
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field, "must be a " + type + " or a list of " + type + "s, was "
                    + typeOf(node));
        }
        if (node.isEmpty()) {
            throw ApiException.badRequest(field, "must not be an empty list");
        }
        List<T> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemField = field + "[" + i + "]";
            if (!isType.test(item)) {
                throw ApiException.badRequest(itemField, "must be a " + type + ", was " + typeOf(item));
            }
            values.add(read.apply(itemField, item));
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
