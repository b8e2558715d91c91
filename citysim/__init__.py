"""The `citysim` command line: wires the model (`simulation`) to its results (`analysis`)."""
