"""Core: plain-Python models and pure functions. No Beam, Kafka, Elasticsearch or HTTP."""
