"""The `podcast-digest` command line: the local way to run the pipeline."""
