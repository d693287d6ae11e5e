"""Nightly `recsys retrain` from Apache Airflow (2.4 or later, or 3), through spark-submit.

Needs the apache-airflow-providers-apache-spark package on the workers, a spark-submit there, and:
  - the Spark connection `spark_default` (Admin > Connections) pointing at the cluster's master
    (spark://host:7077, yarn, k8s://https://..., or local[*] to run on the worker itself);
  - the offline jar where spark-submit can read it: Airflow Variable `recsys_offline_jar`, default
    /opt/recsys/recsys-offline.jar (with the docker/offline.Dockerfile image on Kubernetes:
    local:///opt/recsys/recsys-offline.jar and conf spark.kubernetes.container.image);
  - Variables `recsys_es_url`, `recsys_storage` (a path or Hadoop URI every executor reaches) and
    `recsys_es_api_key`. Airflow masks the last one in logs and in the rendered templates because its name contains
    "api_key".

retrain exits non-zero on any failure, and Airflow then retries it; it refuses to run while another retrain holds
its lock in Elasticsearch, and max_active_runs=1 keeps Airflow from trying. Only parsed (Python's ast) by
DeploymentFilesTest on this project's machines: Airflow is not installed there.
"""

from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

RECSYS_MAIN_CLASS = "recsys.offline.cli.RecsysCli"

with DAG(
    dag_id="recsys_retrain",
    description="Retrain the movie recommender and promote the new model if its quality gate passes",
    schedule="30 2 * * *",  # nightly, 02:30 in the start date's time zone
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,  # a missed night is not made up: the next run retrains on everything anyway
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args={
        "owner": "recsys",
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
    },
    tags=["recsys"],
) as dag:
    SparkSubmitOperator(
        task_id="retrain",
        conn_id="spark_default",
        application="{{ var.value.get('recsys_offline_jar', '/opt/recsys/recsys-offline.jar') }}",
        java_class=RECSYS_MAIN_CLASS,
        application_args=["retrain"],
        name="recsys-retrain",
        driver_memory="4g",
        executor_memory="4g",
        executor_cores=2,
        num_executors=2,
        conf={"spark.jsl.settings.onnx.intraOpNumThreads": "1"},
        env_vars={
            "RECSYS_ES_URL": "{{ var.value.recsys_es_url }}",
            "RECSYS_STORAGE": "{{ var.value.recsys_storage }}",
            "RECSYS_ES_API_KEY": "{{ var.value.recsys_es_api_key }}",
        },
        execution_timeout=timedelta(hours=4),
    )
