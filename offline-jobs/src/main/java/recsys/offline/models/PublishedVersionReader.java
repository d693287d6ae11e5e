package recsys.offline.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelKind;
import recsys.core.model.ModelStore;
import recsys.core.model.ModelVersionException;
import recsys.core.model.ModelVersions;
import recsys.core.model.VersionLayout;
import recsys.offline.storage.StorageLayout;

/**
 * Opens a published model version through core's {@link ModelStore}, the reader the online service uses, so a Spark
 * job scores exactly the verified files the service serves. On a storage root that is not a local folder (HDFS,
 * object stores), the version folder is first copied to a local temporary folder (the top-N artifacts are tens of
 * megabytes), because ModelStore reads with plain {@code java.nio}.
 */
public final class PublishedVersionReader {

    private PublishedVersionReader() {
    }

    public static LoadedVersion load(StorageLayout storage, String version) throws IOException {
        if ("file".equals(storage.root().getScheme())) {
            return ModelStore.load(Path.of(storage.root()), version);
        }
        Path local = Files.createTempDirectory("recsys-model-");
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(storage.modelVersionDir(version));
        FileSystem fs = source.getFileSystem(storage.hadoop());
        Path models = local.resolve(ModelVersions.MODELS_DIR);
        Files.createDirectories(models);
        fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(models.resolve(version).toUri()), true);
        return ModelStore.load(local, version);
    }

    /**
     * Where Spark loads {@code model}'s Spark-native model of {@code loaded} from (a Hadoop path string), once the
     * manifest lists that folder, so its files are among those {@link #load} verified.
     *
     * <p>The storage's own folder rather than a local copy: on a cluster, Spark's {@code load} reads the model's
     * data with tasks on the executors, which cannot see a folder on the driver. Versions are immutable once
     * published, so it holds the bytes that were verified.
     *
     * @param loaded the version as {@link #load} returned it for {@code storage}
     * @throws ModelVersionException if the version keeps no Spark model of {@code model}
     */
    public static String sparkModel(StorageLayout storage, LoadedVersion loaded, ModelKind model)
            throws ModelVersionException {
        loaded.sparkModel(model);
        return storage.modelVersionDir(loaded.version()) + "/" + VersionLayout.sparkModel(model).path();
    }
}
