"""Reading reports from files, directories, feeds and JSON Lines."""

from truce.ingest.readers import SourceResult, read_paths

__all__ = ["SourceResult", "read_paths"]
