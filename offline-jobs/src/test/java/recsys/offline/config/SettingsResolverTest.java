package recsys.offline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import recsys.offline.config.SettingsResolver.Key;

class SettingsResolverTest {

    private static final Path HOME = Path.of("/opt/recsys");

    private static Properties file(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        RecsysSettings settings = new SettingsResolver(Map.of(), name -> null, new Properties(), HOME).resolve(false);
        assertEquals(URI.create("http://127.0.0.1:9200"), settings.elasticsearch().url());
        assertEquals("local[*]", settings.sparkMaster());
        assertEquals(4, settings.parallelism());
        assertEquals(URI.create("file:///opt/recsys/var/storage"), settings.storage());
        assertEquals("", settings.elasticsearch().indexNames().prefix());
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() {
        Properties file = file("recsys.es.url", "http://file:9200", "recsys.spark.parallelism", "3",
                "recsys.spark.master", "spark://file:7077");
        Map<String, String> env = Map.of("RECSYS_ES_URL", "http://env:9200", "RECSYS_SPARK_MASTER", "spark://env:7077");
        RecsysSettings settings = new SettingsResolver(Map.of(Key.ES_URL, "https://flag:9243"), env::get, file, HOME)
                .resolve(false);
        assertEquals("flag", settings.elasticsearch().url().getHost());
        assertTrue(settings.elasticsearch().tls());
        assertEquals("spark://env:7077", settings.sparkMaster());
        assertEquals(3, settings.parallelism());
    }

    @Test
    void sparkSubmitsMasterWinsOverDefaultsButNotOverTheFlag() {
        assertNull(new SettingsResolver(Map.of(), name -> null, new Properties(), HOME).resolve(true).sparkMaster());
        assertEquals("local[1]", new SettingsResolver(Map.of(Key.SPARK_MASTER, "local[1]"), name -> null,
                new Properties(), HOME).resolve(true).sparkMaster());
    }

    @Test
    void storageUrisKeepTheirSchemeAndPathsBecomeAbsolute() {
        assertEquals(URI.create("hdfs://nn:8020/recsys"), new SettingsResolver(Map.of(Key.STORAGE, "hdfs://nn:8020/recsys/"),
                name -> null, new Properties(), HOME).resolve(false).storage());
        URI typed = new SettingsResolver(Map.of(Key.STORAGE, "rel/store"), name -> null, new Properties(), HOME)
                .resolve(false).storage();
        assertEquals(Path.of("rel/store").toAbsolutePath().toUri().getPath().replaceAll("/$", ""), typed.getPath());
    }

    @Test
    void badValuesNameTheSetting() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class, () ->
                new SettingsResolver(Map.of(), Map.of("RECSYS_SPARK_PARALLELISM", "many")::get, new Properties(), HOME)
                        .resolve(false));
        assertTrue(notANumber.getMessage().contains("RECSYS_SPARK_PARALLELISM"), notANumber.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                new SettingsResolver(Map.of(Key.ES_URL, "ftp://x"), name -> null, new Properties(), HOME).resolve(false));
        assertThrows(IllegalArgumentException.class, () ->
                new SettingsResolver(Map.of(), Map.of("RECSYS_ES_INDEX_PREFIX", "Bad Prefix")::get, new Properties(), HOME)
                        .resolve(false));
    }

    @Test
    void secretsNeverAppearInToString() {
        RecsysSettings settings = new SettingsResolver(Map.of(),
                Map.of("RECSYS_ES_PASSWORD", "hunter2", "RECSYS_ES_USERNAME", "elastic")::get, new Properties(), HOME)
                .resolve(false);
        assertTrue(!settings.toString().contains("hunter2"), settings.toString());
        assertEquals("hunter2", settings.elasticsearch().password());
    }
}
