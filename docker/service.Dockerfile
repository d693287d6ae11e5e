# The online service (Micronaut REST, port 8080): online-service/target/recsys-online.jar, one self-contained jar
# (conf/application.yml and the all-MiniLM-L6-v2 ONNX model for POST /update_movie are inside it).
#
# Build the jars first, then the image, from the repository root:
#   ./mvnw -B -DskipTests package
#   docker build -f docker/service.Dockerfile -t movie-recommender-service:0.1.0-SNAPSHOT .
# Settings are RECSYS_* environment variables (conf/application.yml): RECSYS_ES_URL, RECSYS_ES_API_KEY (or
# RECSYS_ES_USERNAME and RECSYS_ES_PASSWORD), RECSYS_ES_INDEX_PREFIX, RECSYS_API_KEY. RECSYS_STORAGE is the storage
# root the offline jobs write (models/CURRENT), mounted at /opt/recsys/storage; the service only reads it.
#
# Not built on this project's machines, which have no container engine; DeploymentFilesTest checks this file.
FROM eclipse-temurin:17-jre

# uid/gid 185, those of the `spark` user of the offline image (apache/spark), so that both containers can share one
# storage volume whichever of them mounts it first.
RUN groupadd --system --gid 185 recsys \
    && useradd --system --uid 185 --gid recsys --home-dir /opt/recsys --shell /usr/sbin/nologin recsys
WORKDIR /opt/recsys
COPY online-service/target/recsys-online.jar recsys-online.jar
# var/tmp: java.io.tmpdir (the ONNX model and native libraries are unpacked there); var/djl-cache: the DJL
# tokenizer's native library, named by DJL_CACHE_DIR
RUN mkdir -p storage var/tmp var/djl-cache && chown -R recsys:recsys storage var
ENV RECSYS_HOME=/opt/recsys \
    RECSYS_STORAGE=/opt/recsys/storage \
    DJL_CACHE_DIR=/opt/recsys/var/djl-cache
USER 185:185

EXPOSE 8080
# /health is UP when Elasticsearch answers and the movies, users and movie_vectors indices exist, so not before the
# first retrain has written them; anonymous callers get the status only. curl is part of the eclipse-temurin image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
# The heap follows the container's memory limit. SIGTERM shuts the service down gracefully
# (micronaut.lifecycle.graceful-shutdown in conf/application.yml).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-Djava.io.tmpdir=/opt/recsys/var/tmp", "-jar", "/opt/recsys/recsys-online.jar"]
