package recsys.offline.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import recsys.core.model.FeatureSchema;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelArtifact;
import recsys.core.model.ModelDescription;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelStore;
import recsys.core.model.TreeEnsemble;
import recsys.core.model.VersionLayout;
import recsys.offline.storage.RunIds;
import recsys.offline.storage.StorageLayout;
import recsys.offline.testing.TestSpark;
import recsys.offline.training.TreeEnsembleExporter;

/**
 * End to end on a generated fixture: a forest trained by real Spark is published with its portable serving form and
 * its Spark-native folder; core's {@link ModelStore} verifies both (the folder digest computed through Hadoop must
 * equal the one computed with java.nio), the serving form predicts like Spark, and Spark loads its own folder back.
 * Uses the shared test session ({@code TestSpark}), never stopped here; needs no Elasticsearch.
 */
class SparkModelPublishingTest {

    private static final long SEED = 11;

    @TempDir
    Path root;

    @Test
    void publishesAForestInBothFormsAndBothLoadBack() throws IOException {
        SparkSession spark = TestSpark.session();
        Random random = new Random(SEED);
        List<Row> rows = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double[] x = {random.nextGaussian(), random.nextInt(4)};
            features.add(x);
            rows.add(RowFactory.create(2 * x[0] + x[1] + 0.1 * random.nextGaussian(), Vectors.dense(x)));
        }
        StructType schema = new StructType()
                .add("label", DataTypes.DoubleType)
                .add("features", SQLDataTypes.VectorType());
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        RandomForestRegressionModel forest = new RandomForestRegressor()
                .setNumTrees(5).setMaxDepth(4).setSeed(SEED).fit(data);

        StorageLayout layout = new StorageLayout(root.toUri(), spark.sparkContext().hadoopConfiguration());
        ModelPublisher publisher = new ModelPublisher(layout);
        String version = RunIds.next(Clock.systemUTC());
        ModelDescription description = new ModelDescription("forest",
                new FeatureSchema(FeatureSchema.DENSE, List.of("gaussian", "small_integer")),
                Map.of("forest", Map.of("rmse", 0.5)), "generated seed=" + SEED, "none (fixture)", SEED,
                Map.of("numTrees", "5", "maxDepth", "4"));
        try (VersionStaging staging = publisher.begin(version)) {
            staging.write(VersionLayout.TREE_ENSEMBLE, TreeEnsembleExporter.export(forest)::write);
            staging.saveSparkModel(ModelKind.FOREST_EMBEDDING, forest);
            staging.publish(description);
        }

        LoadedVersion loaded = ModelStore.current(root).orElseThrow();
        assertEquals(version, loaded.version());
        ModelArtifact sparkFolder = loaded.manifest().artifactsWithRole(VersionLayout.ROLE_SPARK_NATIVE).get(0);
        assertEquals("spark/forest_embedding", sparkFolder.path());
        assertEquals(ModelArtifact.Kind.DIRECTORY, sparkFolder.kind());
        assertEquals(loaded.path(sparkFolder), loaded.sparkModel(ModelKind.FOREST_EMBEDDING));
        assertTrue(Files.isDirectory(loaded.path(sparkFolder).resolve("metadata")));

        TreeEnsemble serving;
        try (InputStream in = Files.newInputStream(loaded.path(VersionLayout.TREE_ENSEMBLE))) {
            serving = TreeEnsemble.read(in, loaded.manifest().description().featureSchema().size());
        }
        RandomForestRegressionModel reloaded = RandomForestRegressionModel.load(loaded.path(sparkFolder).toString());
        for (double[] x : features.subList(0, 50)) {
            Vector v = Vectors.dense(x);
            assertEquals(forest.predict(v), serving.predict(x), 1e-9);
            assertEquals(forest.predict(v), reloaded.predict(v), 1e-9);
        }
    }
}
