from citysim.cli import app

app(prog_name="citysim")
