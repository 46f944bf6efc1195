"""Service launchers for the local stack (Kafka, Elasticsearch) and the compose file."""
