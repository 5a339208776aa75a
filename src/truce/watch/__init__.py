"""Live sources: feeds and folders polled on a schedule (``truce watch``).

``config`` reads the sources file, ``schedule`` holds the pure rules (when a
source is due, back-off after failures), ``fetch`` speaks HTTP and reads
folders, ``watcher`` ties them to the store and the shared ingest path.
"""
