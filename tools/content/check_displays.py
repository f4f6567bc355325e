#!/usr/bin/env python3
"""Check every ICD-10-CM, NUCC and POS display in terminology/*.json against the
official release files (python3 stdlib only).

Also checks CPT / HCPCS displays against moltx's own CodeSystem fragments
(terminology/CodeSystem-cpt.json, CodeSystem-hcpcs.json) for consistency.

Official files (default: terminology/releases/, override with --releases DIR):
  icd10cm-order-FY2026.txt.gz        ICD-10-CM order file: fixed width, code cols 7-13 (no dot),
                                     flag col 15, short title 17-76, long title from col 78, CRLF
  icd10cm-order-addenda-FY2027.txt   FY2027 addenda (used only for codes new in FY2027)
  nucc-taxonomy-25.1.csv             NUCC taxonomy; display = "Display Name" column
  cms-place-of-service.csv           CMS POS; display = "display" column

A display must equal the official text exactly. ICD-10-CM codes must be written with the dot.
Exit status 0 = all good, 1 = at least one mismatch / unknown code.
"""
import argparse
import csv
import glob
import gzip
import json
import os
import re
import sys

ICD = "http://hl7.org/fhir/sid/icd-10-cm"
NUCC = "http://nucc.org/provider-taxonomy"
POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
CPT = "http://www.ama-assn.org/go/cpt"
HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def dotted(code):
    return code if len(code) <= 3 else code[:3] + "." + code[3:]


def load_icd(releases):
    titles = {}
    with gzip.open(os.path.join(releases, "icd10cm-order-FY2026.txt.gz"), "rt", encoding="ascii", newline="") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            code = line[6:13].strip()
            titles[dotted(code)] = line[77:]
    fy26 = dict(titles)
    # FY2027 addenda: "Add:         1 C7831   short(60) long" ; prefix is 13 chars
    add27 = {}
    path = os.path.join(releases, "icd10cm-order-addenda-FY2027.txt")
    if os.path.exists(path):
        with open(path, encoding="ascii", newline="") as f:
            for line in f:
                line = line.rstrip("\r\n")
                m = re.match(r"^(Add:|Revise to:)\s", line)
                if not m:
                    continue
                rest = line[13:]
                code = rest[2:9].strip()
                add27[dotted(code)] = rest[71:]
    return fy26, add27


def load_nucc(releases):
    with open(os.path.join(releases, "nucc-taxonomy-25.1.csv"), encoding="utf-8", newline="") as f:
        return {r["Code"]: r["Display Name"] for r in csv.DictReader(f)}


def load_pos(releases):
    with open(os.path.join(releases, "cms-place-of-service.csv"), encoding="utf-8", newline="") as f:
        return {r["code"]: r["display"] for r in csv.DictReader(f)}


def load_own(termdir, system):
    out = {}
    for fn in glob.glob(os.path.join(termdir, "CodeSystem-*.json")):
        with open(fn, encoding="utf-8") as f:
            cs = json.load(f)
        if cs.get("url") == system:
            stack = list(cs.get("concept", []))
            while stack:
                c = stack.pop()
                out[c["code"]] = c.get("display")
                stack.extend(c.get("concept", []))
    return out


def iter_codings(res):
    """Yield (system, code, display, where) for every coded display in a resource."""
    rt = res.get("resourceType")
    if rt == "CodeSystem":
        def walk(concepts, path):
            for i, c in enumerate(concepts):
                if "display" in c:
                    yield res.get("url"), c.get("code"), c["display"], f"{path}[{i}]"
                yield from walk(c.get("concept", []), f"{path}[{i}].concept")
        yield from walk(res.get("concept", []), "concept")
    if rt == "ValueSet":
        for part in ("include", "exclude"):
            for i, inc in enumerate(res.get("compose", {}).get(part, [])):
                for j, c in enumerate(inc.get("concept", [])):
                    if "display" in c:
                        yield inc.get("system"), c.get("code"), c["display"], f"compose.{part}[{i}].concept[{j}]"
        def walk_exp(cs, path):
            for i, c in enumerate(cs):
                if "display" in c:
                    yield c.get("system"), c.get("code"), c["display"], f"{path}[{i}]"
                yield from walk_exp(c.get("contains", []), f"{path}[{i}].contains")
        yield from walk_exp(res.get("expansion", {}).get("contains", []), "expansion.contains")
    if rt == "ConceptMap":
        for g, grp in enumerate(res.get("group", [])):
            for e, el in enumerate(grp.get("element", [])):
                if "display" in el:
                    yield grp.get("source"), el.get("code"), el["display"], f"group[{g}].element[{e}]"
                for t, tg in enumerate(el.get("target", [])):
                    if "display" in tg:
                        yield grp.get("target"), tg.get("code"), tg["display"], f"group[{g}].element[{e}].target[{t}]"
    # generic Coding objects anywhere (e.g. CodeSystem.concept.property.valueCoding)
    def walk_any(x, path):
        if isinstance(x, dict):
            if isinstance(x.get("system"), str) and "code" in x and "display" in x and path != "":
                yield x["system"], x["code"], x["display"], path
            for k, v in x.items():
                yield from walk_any(v, f"{path}.{k}" if path else k)
        elif isinstance(x, list):
            for i, v in enumerate(x):
                yield from walk_any(v, f"{path}[{i}]")
    yield from walk_any(res, "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--terminology", default=os.path.join(ROOT, "terminology"))
    ap.add_argument("--releases", default=None, help="folder with the official files (default: <terminology>/releases)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    releases = a.releases or os.path.join(a.terminology, "releases")

    icd26, icd27add = load_icd(releases)
    official = {NUCC: load_nucc(releases), POS: load_pos(releases)}
    own = {CPT: load_own(a.terminology, CPT), HCPCS: load_own(a.terminology, HCPCS)}

    errors, checked = [], {ICD: 0, NUCC: 0, POS: 0, CPT: 0, HCPCS: 0}
    files = sorted(glob.glob(os.path.join(a.terminology, "*.json")))
    for fn in files:
        with open(fn, encoding="utf-8") as f:
            res = json.load(f)
        name = os.path.basename(fn)
        for system, code, display, where in iter_codings(res):
            if system == ICD:
                checked[ICD] += 1
                if len(code) > 3 and "." not in code:
                    errors.append(f"{name} {where}: ICD-10-CM code '{code}' must be written with the dot")
                    continue
                if code in icd26:
                    exp, src = icd26[code], "FY2026 order file"
                elif code in icd27add:
                    exp, src = icd27add[code], "FY2027 order addenda"
                else:
                    errors.append(f"{name} {where}: ICD-10-CM code '{code}' not in the official release")
                    continue
            elif system in official:
                checked[system] += 1
                tbl = official[system]
                if code not in tbl:
                    errors.append(f"{name} {where}: code '{code}' not in the official file for {system}")
                    continue
                exp, src = tbl[code], "official file"
            elif system in own:
                if res.get("resourceType") == "CodeSystem" and res.get("url") == system:
                    continue  # the fragment itself is the reference
                checked[system] += 1
                if code not in own[system]:
                    errors.append(f"{name} {where}: code '{code}' not in moltx CodeSystem fragment {system}")
                    continue
                exp, src = own[system][code], "moltx CodeSystem fragment"
            else:
                continue
            if display != exp:
                errors.append(f"{name} {where}: {system}|{code} display '{display}' != {src} '{exp}'")
            elif a.verbose:
                print(f"ok  {name} {where}: {code} '{display}'")

    print(f"files: {len(files)}; displays checked: ICD-10-CM {checked[ICD]}, NUCC {checked[NUCC]}, "
          f"POS {checked[POS]}, CPT {checked[CPT]}, HCPCS {checked[HCPCS]}")
    for e in errors:
        print("MISMATCH", e)
    print("FAIL" if errors else "PASS")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
