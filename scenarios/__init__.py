"""The scenario library, shipped as package data: `contexts/` (the city as it is),
`policies/` (named sets of levers with their schedules), `stories.toml` (the seed's
stories as context + policy pairs) and `experiments/` (worked experiment files).
Read through `simulation.library`, which finds them with `importlib.resources`."""
