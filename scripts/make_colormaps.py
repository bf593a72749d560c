#!/usr/bin/python3
"""Writes DecoderLens' colour-map tables from matplotlib's published ones (run with Debian's python3-matplotlib).

viridis and magma are matplotlib's 256-entry ListedColormaps (Smith, van der Walt, Firing; CC0); RdBu is the
ColorBrewer 11-class diverging scheme (Brewer) that matplotlib interpolates linearly to 256 entries; gray is the
linear ramp. Each table is 256 lines of rrggbb, entry i = round(255 * matplotlib's float lut[i]).

Also writes the test fixture colormap-samples.txt: values t in [0, 1] and the colour matplotlib gives cmap(t),
so the Java lookup (index = min(255, floor(256 t))) is checked against matplotlib's own.
"""
import os
import numpy as np
import matplotlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "src/main/resources/dev/decoderlens/render/colormaps")
FIXTURE = os.path.join(ROOT, "src/test/resources/dev/decoderlens/render/colormap-samples.txt")
MAPS = {"viridis": "viridis", "magma": "magma", "gray": "gray", "rdbu": "RdBu"}


def hexes(rgba):
    return ["%02x%02x%02x" % tuple(int(round(255 * c)) for c in row[:3]) for row in rgba]


os.makedirs(OUT, exist_ok=True)
os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
rng = np.random.default_rng(7)
ts = np.concatenate([[0.0, 1.0, 0.5, 0.25, 0.75, 1 / 3], rng.random(58)])
with open(FIXTURE, "w") as fx:
    fx.write("# t  then cmap(t) as rrggbb for: " + " ".join(MAPS) + " (matplotlib %s)\n" % matplotlib.__version__)
    cols = {}
    for ours, theirs in MAPS.items():
        cmap = matplotlib.colormaps[theirs]
        assert cmap.N == 256
        lut = cmap(np.arange(256))
        with open(os.path.join(OUT, ours + ".txt"), "w") as f:
            f.write("# %s from matplotlib %s, 256 entries rrggbb\n" % (theirs, matplotlib.__version__))
            f.write("\n".join(hexes(lut)) + "\n")
        cols[ours] = hexes(cmap(ts))
    for i, t in enumerate(ts):
        fx.write(repr(float(t)) + " " + " ".join(cols[m][i] for m in MAPS) + "\n")
