"""The classroom pipeline: hand out, collect, grade and report on a class's work."""
