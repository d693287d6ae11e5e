package recsys.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import recsys.core.ranking.RankingBlend;

/**
 * The {@code manifest.json} ({@link VersionLayout#MANIFEST}) of a published model version: which version it is, when
 * it was made, what was trained and how well, and every artifact with its SHA-256 and size. The publisher writes it
 * last, so a version folder with a manifest is complete; the reader checks every artifact against it before anything
 * is loaded.
 *
 * <p>The JSON is built and read as a plain Jackson tree ({@code ObjectMapper}, {@code JsonNode}) rather than by
 * data binding: those APIs are the same in every Jackson 2.x that reads it (2.15 under Spark, Micronaut's in the
 * service), and reading field by field lets each missing or invalid field be reported by name. Unknown fields are
 * ignored, so a later writer may add fields without a format change; anything a reader must understand bumps
 * {@link #FORMAT_VERSION}.
 *
 * @param formatVersion the manifest format; a reader rejects versions it does not {@link #SUPPORTED_FORMAT_VERSIONS
 *                      support}
 * @param modelVersion  the version id, which is also the version folder's name
 * @param createdAt     when the version was published
 * @param description   what was trained and how well
 * @param artifacts     every file and folder of the version, at most once each
 */
public record ModelManifest(int formatVersion, String modelVersion, Instant createdAt, ModelDescription description,
                            List<ModelArtifact> artifacts) {

    public static final int FORMAT_VERSION = 1;
    public static final Set<Integer> SUPPORTED_FORMAT_VERSIONS = Set.of(1);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelManifest {
        if (!SUPPORTED_FORMAT_VERSIONS.contains(formatVersion)) {
            throw new IllegalArgumentException("manifest format version " + formatVersion
                    + " is not supported (this reader supports " + SUPPORTED_FORMAT_VERSIONS + ")");
        }
        ModelVersions.check(modelVersion);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(description, "description");
        artifacts = List.copyOf(artifacts);
        Set<String> paths = new HashSet<>();
        for (ModelArtifact artifact : artifacts) {
            if (!paths.add(artifact.path())) {
                throw new IllegalArgumentException("artifact " + artifact.path() + " is listed twice");
            }
        }
    }

    /** The artifacts with {@code role}, in manifest order. */
    public List<ModelArtifact> artifactsWithRole(String role) {
        return artifacts.stream().filter(a -> a.role().equals(role)).toList();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", formatVersion);
        root.put("modelVersion", modelVersion);
        root.put("createdAt", createdAt.toString());
        root.put("servingModel", description.servingModel());
        ObjectNode schema = root.putObject("featureSchema");
        schema.put("representation", description.featureSchema().representation());
        ArrayNode features = schema.putArray("features");
        description.featureSchema().features().forEach(features::add);
        ArrayNode artifactArray = root.putArray("artifacts");
        for (ModelArtifact artifact : artifacts) {
            ObjectNode node = artifactArray.addObject();
            node.put("path", artifact.path());
            node.put("role", artifact.role());
            node.put("kind", artifact.kind().jsonName());
            node.put("sha256", artifact.sha256());
            node.put("sizeBytes", artifact.sizeBytes());
        }
        ObjectNode metrics = root.putObject("metrics");
        description.metrics().forEach((model, values) -> {
            ObjectNode node = metrics.putObject(model);
            values.forEach(node::put);
        });
        root.put("dataFingerprint", description.dataFingerprint());
        root.put("split", description.split());
        root.put("seed", description.seed());
        ObjectNode parameters = root.putObject("parameters");
        description.parameters().forEach(parameters::put);
        ObjectNode blend = root.putObject("rankingBlend");
        blend.put("rating", description.rankingBlend().ratingWeight());
        blend.put("popularity", description.rankingBlend().popularityWeight());
        blend.put("mean", description.rankingBlend().meanWeight());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serialises", e);
        }
    }

    /** Reads and validates a manifest; fails with a {@link ModelManifestException} naming the bad field. */
    public static ModelManifest read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new ModelManifestException("the manifest is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelManifestException("the manifest is not a JSON object");
        }
        try {
            int formatVersion = integer(root, "formatVersion");
            if (!SUPPORTED_FORMAT_VERSIONS.contains(formatVersion)) {
                throw new ModelManifestException("manifest format version " + formatVersion
                        + " is not supported (this reader supports " + SUPPORTED_FORMAT_VERSIONS
                        + "); it was written by a newer trainer");
            }
            Instant createdAt;
            try {
                createdAt = Instant.parse(text(root, "createdAt"));
            } catch (DateTimeParseException e) {
                throw new ModelManifestException("createdAt is not an ISO-8601 instant: " + e.getMessage(), e);
            }
            JsonNode schemaNode = object(root, "featureSchema");
            FeatureSchema schema = new FeatureSchema(text(schemaNode, "representation"),
                    texts(array(schemaNode, "features"), "featureSchema.features"));
            List<ModelArtifact> artifacts = new ArrayList<>();
            int i = 0;
            for (JsonNode node : array(root, "artifacts")) {
                String where = "artifacts[" + i++ + "]";
                if (!node.isObject()) {
                    throw new ModelManifestException(where + " is not an object");
                }
                try {
                    artifacts.add(new ModelArtifact(text(node, "path"), text(node, "role"),
                            ModelArtifact.Kind.fromJsonName(text(node, "kind")), text(node, "sha256"),
                            longValue(node, "sizeBytes")));
                } catch (IllegalArgumentException e) {
                    throw new ModelManifestException(where + ": " + e.getMessage(), e);
                }
            }
            Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> models = object(root, "metrics").fields(); models.hasNext(); ) {
                Map.Entry<String, JsonNode> model = models.next();
                Map<String, Double> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = model.getValue().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> metric = it.next();
                    if (!metric.getValue().isNumber()) {
                        throw new ModelManifestException("metrics." + model.getKey() + "." + metric.getKey()
                                + " is not a number");
                    }
                    values.put(metric.getKey(), metric.getValue().doubleValue());
                }
                metrics.put(model.getKey(), values);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object(root, "parameters").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> parameter = it.next();
                if (!parameter.getValue().isTextual()) {
                    throw new ModelManifestException("parameters." + parameter.getKey() + " is not a string");
                }
                parameters.put(parameter.getKey(), parameter.getValue().textValue());
            }
            ModelDescription description = new ModelDescription(text(root, "servingModel"), schema, metrics,
                    text(root, "dataFingerprint"), text(root, "split"), longValue(root, "seed"), parameters,
                    rankingBlend(root));
            return new ModelManifest(formatVersion, text(root, "modelVersion"), createdAt, description, artifacts);
        } catch (IllegalArgumentException e) {
            throw new ModelManifestException("invalid manifest: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code rankingBlend} object, or {@link RankingBlend#DEFAULT} when the manifest has none (versions
     * published before the evaluation chose blends; an optional field, so no format change).
     */
    private static RankingBlend rankingBlend(JsonNode root) throws ModelManifestException {
        JsonNode node = root.get("rankingBlend");
        if (node == null || node.isNull()) {
            return RankingBlend.DEFAULT;
        }
        if (!node.isObject()) {
            throw new ModelManifestException("\"rankingBlend\" is not an object");
        }
        try {
            return new RankingBlend(number(node, "rating"), number(node, "popularity"), number(node, "mean"));
        } catch (IllegalArgumentException e) {
            throw new ModelManifestException("rankingBlend: " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode parent, String field) throws ModelManifestException {
        return typed(parent, field, JsonNode::isNumber, "a number").doubleValue();
    }

    private static JsonNode required(JsonNode parent, String field) throws ModelManifestException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new ModelManifestException("the manifest has no \"" + field + "\"");
        }
        return node;
    }

    /** The field, which must be present and pass {@code isType}; {@code typeName} completes "is not ...". */
    private static JsonNode typed(JsonNode parent, String field, Predicate<JsonNode> isType, String typeName)
            throws ModelManifestException {
        JsonNode node = required(parent, field);
        if (!isType.test(node)) {
            throw new ModelManifestException("\"" + field + "\" is not " + typeName);
        }
        return node;
    }

    private static String text(JsonNode parent, String field) throws ModelManifestException {
        return typed(parent, field, JsonNode::isTextual, "a string").textValue();
    }

    private static int integer(JsonNode parent, String field) throws ModelManifestException {
        return typed(parent, field, JsonNode::isInt, "an integer").intValue();
    }

    private static long longValue(JsonNode parent, String field) throws ModelManifestException {
        return typed(parent, field, node -> node.isIntegralNumber() && node.canConvertToLong(), "a whole number")
                .longValue();
    }

    private static JsonNode object(JsonNode parent, String field) throws ModelManifestException {
        return typed(parent, field, JsonNode::isObject, "an object");
    }

    private static JsonNode array(JsonNode parent, String field) throws ModelManifestException {
        return typed(parent, field, JsonNode::isArray, "an array");
    }

    private static List<String> texts(JsonNode array, String where) throws ModelManifestException {
        List<String> values = new ArrayList<>();
        for (JsonNode node : array) {
            if (!node.isTextual()) {
                throw new ModelManifestException(where + " has a non-string element");
            }
            values.add(node.textValue());
        }
        return values;
    }
}
