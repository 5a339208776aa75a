"""Archive backfill: extraction spread over workers (in process or on Ray), the driver
writing whole reports and checkpointing how far each input was read.

``runner.Backfill`` drives a run; ``engines`` hold the two ways to extract;
``checkpoint`` and ``inputs`` say where to resume and how inputs are read.
"""
