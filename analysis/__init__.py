"""Reading results folders written by `citysim run` and `citysim sweep`."""

from analysis.results import Results, ResultsError, load

__all__ = ["Results", "ResultsError", "load"]
