"""Test reader: reads an EDF+ file back with MNE-Python (Debian package python3-mne), an independent
EDF reader, and prints what the Java test checks as one JSON object: channel names, sampling rate,
units as the file states them, samples, annotation descriptions and onsets, and per leg the median
magnitude of the acceleration (samples written as 0 g where the leg had no data left out).

usage: python3 read_edf.py FILE.edf
"""
import json
import sys
import warnings

import numpy as np
import mne

warnings.simplefilter("ignore")
mne.set_log_level("ERROR")
raw = mne.io.read_raw_edf(sys.argv[1], preload=True, verbose="ERROR")
data = raw.get_data()
names = raw.ch_names
legs = {}
for leg in ("Left", "Right"):
    idx = [names.index("Accel %s %s" % (leg, a)) for a in "XYZ" if "Accel %s %s" % (leg, a) in names]
    if len(idx) == 3:
        m = np.sqrt((data[idx] ** 2).sum(axis=0))
        m = m[m > 0.001]
        legs[leg] = float(np.median(m)) if m.size else 0.0
out = {
    "mne_version": mne.__version__,
    "channels": names,
    "sfreq": raw.info["sfreq"],
    # MNE keeps only SI units by name ("n/a" for g) and scales uV/mV; others are read as written.
    "units": {k: v for k, v in getattr(raw, "_orig_units", {}).items()},
    "unit_scaling": [float(u) for u in raw._raw_extras[0]["units"]],
    "n_times": int(raw.n_times),
    "meas_date": str(raw.info["meas_date"]),
    "annotations": [str(d) for d in raw.annotations.description],
    "onsets": [float(o) for o in raw.annotations.onset],
    "durations": [float(d) for d in raw.annotations.duration],
    "median_magnitude": legs,
}
print(json.dumps(out))
