package recsys.offline.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import recsys.core.model.LoadedVersion;
import recsys.core.model.ModelStore;
import recsys.core.model.ModelVersions;
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
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(storage.modelsDir() + "/" + version);
        FileSystem fs = source.getFileSystem(storage.hadoop());
        Path models = local.resolve(ModelVersions.MODELS_DIR);
        Files.createDirectories(models);
        fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(models.resolve(version).toUri()), true);
        return ModelStore.load(local, version);
    }
}
