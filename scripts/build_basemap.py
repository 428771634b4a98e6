#!/usr/bin/env python3
"""Builds assets/basemap/balkans.geojson, the app's offline basemap.

Borders and coastlines: Natural Earth 10m admin-0 countries (public domain) as shipped in the
npm package world-atlas 2.0.2 (countries-10m.json, TopoJSON). Each TopoJSON arc is written
once as a LineString, so a border shared by two countries is drawn once; arcs are cut to the
box below. Places: the larger towns of gazetteer.csv (GeoNames, CC BY 4.0) inside the box, as
Points with name and population, for labels.

Usage: python3 scripts/build_basemap.py [--src DIR]   (DIR holds countries-10m.json; without
it the package is fetched with `npm pack world-atlas@2.0.2` into a temporary folder).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from topojson import decode_arcs  # noqa: E402

LON0, LON1, LAT0, LAT1 = 12.0, 30.0, 38.0, 48.0
PLACES_BOX = (13.0, 27.0, 39.0, 47.0)  # labels: the western Balkans and around
MARGIN = 1.0  # keep a little outside the box so lines do not stop at its edge
MIN_POPULATION = 40_000
MIN_POPULATION_XK = 15_000  # Kosovo's towns are small; the first region needs them
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "basemap", "balkans.geojson")


def fetch(tmp):
    subprocess.run(["npm", "pack", "world-atlas@2.0.2"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(tmp, "world-atlas-2.0.2.tgz")) as t:
        t.extractall(tmp)
    return os.path.join(tmp, "package")


def inside(lon, lat, m=MARGIN):
    return LON0 - m <= lon <= LON1 + m and LAT0 - m <= lat <= LAT1 + m


def cut(pts):
    """The runs of consecutive points inside the box (with one point beyond each end)."""
    runs, cur = [], []
    for i, (lon, lat) in enumerate(pts):
        if inside(lon, lat):
            if not cur and i > 0:
                cur.append(pts[i - 1])
            cur.append((lon, lat))
        elif cur:
            cur.append((lon, lat))
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if len(r) >= 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", help="folder with countries-10m.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = a.src or fetch(tmp)
        with open(os.path.join(src, "countries-10m.json")) as f:
            topo = json.load(f)
    features = []
    for pts in decode_arcs(topo):
        for run in cut(pts):
            coords = [[round(lon, 3), round(lat, 3)] for lon, lat in run]
            dedup = [coords[0]] + [c for p, c in zip(coords, coords[1:]) if c != p]
            if len(dedup) >= 2:
                features.append({"type": "Feature", "properties": {"kind": "border"},
                                 "geometry": {"type": "LineString", "coordinates": dedup}})
    places = []
    with open(os.path.join(ROOT, "gazetteer.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] not in ("city", "town") or r["feature_code"] in ("PPLX", "PPLH"):
                continue
            lon, lat, pop = float(r["lon"]), float(r["lat"]), int(r["population"] or 0)
            floor = MIN_POPULATION_XK if r["country"] == "XK" else MIN_POPULATION
            x0, x1, y0, y1 = PLACES_BOX
            if x0 <= lon <= x1 and y0 <= lat <= y1 and pop >= floor:
                places.append((pop, r["name"], round(lon, 4), round(lat, 4)))
    places.sort(key=lambda p: (-p[0], p[1]))
    for pop, name, lon, lat in places:
        features.append({"type": "Feature",
                         "properties": {"kind": "place", "name": name, "population": pop},
                         "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    fc = {"type": "FeatureCollection",
          "properties": {"credits": "Natural Earth 10m admin-0 (public domain) via npm "
                         "world-atlas 2.0.2; places: GeoNames (CC BY 4.0)",
                         "bbox": [LON0, LAT0, LON1, LAT1]},
          "features": features}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT}: {len(features) - len(places)} border lines, {len(places)} places, "
          f"{os.path.getsize(OUT) // 1024} KB", file=sys.stderr)


if __name__ == "__main__":
    main()
