"""One exception root for everything claimwatch raises on purpose.

    ClaimwatchError
    ├── ConfigError            a settings file or option is wrong (names the key and the fix)
    ├── FeedError              a feed could not be fetched or parsed
    │   └── FeedFormatError    the body is not a feed (HTML, empty, garbage)
    ├── FetchError             a page could not be fetched (timeout, status, too large)
    ├── ExtractionError        no usable text could be extracted from a page
    ├── RecordError            a log record cannot be decoded into an Article
    ├── LogUnavailable         the log (SQLite file or Kafka) cannot be reached
    ├── StoreUnavailable       the store (SQLite file or Elasticsearch) cannot be reached
    ├── StoreWriteError        the store rejected some documents (not retryable)
    ├── AlertDeliveryError     a channel refused or could not be reached
    └── StackError             the local Kafka/Elasticsearch launcher failed

Third-party errors are caught at the edge, mapped to one of these and chained with `from exc`.
"""

from __future__ import annotations


class ClaimwatchError(Exception):
    """Root of every error claimwatch raises on purpose."""


class ConfigError(ClaimwatchError):
    """A settings file or command-line option is invalid."""


class FeedError(ClaimwatchError):
    """A feed could not be fetched or parsed."""


class FeedFormatError(FeedError):
    """The body is not a feed."""


class FetchError(ClaimwatchError):
    """A page could not be fetched."""


class ExtractionError(ClaimwatchError):
    """No usable text could be extracted from a page."""


class RecordError(ClaimwatchError):
    """A log record cannot be decoded or processed."""


class LogUnavailable(ClaimwatchError):
    """The article log cannot be reached."""


class StoreUnavailable(ClaimwatchError):
    """The store cannot be reached."""


class StoreWriteError(ClaimwatchError):
    """The store rejected documents for a reason a retry will not fix."""


class AlertDeliveryError(ClaimwatchError):
    """An alert channel refused the alert or could not be reached."""


class StackError(ClaimwatchError):
    """The local service launcher could not fetch, start or stop a service."""
