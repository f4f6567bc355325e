#!/usr/bin/env python3
"""Generate the moltx FHIR R4 terminology content in terminology/.

Displays for ICD-10-CM, NUCC and POS are typed here from the official release
files (never from the seed documents); check_displays.py verifies them against
those files.  Run: python3 tools/content/gen_terminology.py
"""
import html
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "terminology")

BASE = "http://moltx.org/fhir"
CPT = "http://www.ama-assn.org/go/cpt"
ICD = "http://hl7.org/fhir/sid/icd-10-cm"
NUCC = "http://nucc.org/provider-taxonomy"
HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
HGNC = "http://www.genenames.org/geneId"
DATE = "2026-11-23"
OUR_VERSION = "2026.1"

CPT_COPYRIGHT = (
    "CPT is a registered trademark of the American Medical Association (AMA). CPT codes and "
    "descriptors are copyright AMA; all rights reserved. The displays published by moltx are "
    "moltx's own paraphrases, not the AMA CPT descriptors. A CPT licensee may load the official "
    "AMA descriptor file into this server to obtain the official descriptors."
)
NUCC_COPYRIGHT = "© American Medical Association on behalf of the NUCC; source: nucc.org"

# --- CPT paraphrases (VERIFIED.md, "paraphrase we may publish") -------------
CPT_DISPLAY = {
    "81455": "Genomic sequencing panel, solid organ or hematolymphoid neoplasm or disorder, 51 or more genes; DNA, or combined DNA and RNA, analysis",
    "81311": "NRAS gene analysis, variants in exon 2 (codons 12 and 13) and exon 3 (codon 61)",
    "81445": "Genomic sequencing panel, solid organ neoplasm, 5 to 50 genes; DNA, or combined DNA and RNA, analysis",
    "81450": "Genomic sequencing panel, hematolymphoid neoplasm or disorder, 5 to 50 genes; DNA, or combined DNA and RNA, analysis",
    "81449": "Genomic sequencing panel, solid organ neoplasm, 5 to 50 genes; RNA analysis",
    "81451": "Genomic sequencing panel, hematolymphoid neoplasm or disorder, 5 to 50 genes; RNA analysis",
    "81456": "Genomic sequencing panel, solid organ or hematolymphoid neoplasm or disorder, 51 or more genes; RNA analysis",
    "26": "Professional component",
}
HCPCS_DISPLAY = {"TC": "Technical component"}

# --- Official displays ------------------------------------------------------
ICD_DISPLAY = {  # FY2026 order file, long title
    "C92.01": "Acute myeloblastic leukemia, in remission",
    "C92.41": "Acute promyelocytic leukemia, in remission",
    "C92.51": "Acute myelomonocytic leukemia, in remission",
    "C92.61": "Acute myeloid leukemia with 11q23-abnormality in remission",
    "C92.Z1": "Other myeloid leukemia, in remission",
    "C92.91": "Myeloid leukemia, unspecified in remission",
    "C93.01": "Acute monoblastic/monocytic leukemia, in remission",
    "C94.01": "Acute erythroid leukemia, in remission",
    "C94.21": "Acute megakaryoblastic leukemia, in remission",
    "C92.10": "Chronic myeloid leukemia, BCR/ABL-positive, not having achieved remission",
    "C92.11": "Chronic myeloid leukemia, BCR/ABL-positive, in remission",
    "C43": "Malignant melanoma of skin",
    "C18": "Malignant neoplasm of colon",
    "C19": "Malignant neoplasm of rectosigmoid junction",
    "C20": "Malignant neoplasm of rectum",
    "C92.0": "Acute myeloblastic leukemia",
    "C92.4": "Acute promyelocytic leukemia",
    "C92.5": "Acute myelomonocytic leukemia",
    "C92.6": "Acute myeloid leukemia with 11q23-abnormality",
    "C92.A": "Acute myeloid leukemia with multilineage dysplasia",
    "C93.0": "Acute monoblastic/monocytic leukemia",
    "C94.0": "Acute erythroid leukemia",
    "C94.2": "Acute megakaryoblastic leukemia",
}
NUCC_DISPLAY = {  # "Display Name" column, NUCC 25.1
    "207ZP0105X": "Clinical Pathology/Laboratory Medicine Physician",
    "207ZP0007X": "Molecular Genetic Pathology (Pathology) Physician",
    "207ZP0102X": "Anatomic Pathology & Clinical Pathology Physician",
}
POS_DISPLAY = {"81": "Independent Laboratory"}


def coding(system, code, display):
    return {"system": system, "code": code, "display": display}


def common(rtype, rid, name, title, description, version=OUR_VERSION, url=None):
    return {
        "resourceType": rtype,
        "id": rid,
        "url": url or f"{BASE}/{rtype}/{rid}",
        "version": version,
        "name": name,
        "title": title,
        "status": "active",
        "experimental": False,
        "date": DATE,
        "publisher": "moltx",
        "description": description,
    }


def narrative(res):
    """Minimal generated narrative (dom-6): title and description."""
    paras = "".join(f"<p>{html.escape(t, quote=False)}</p>" for t in res["description"].split("\n\n"))
    return {
        "status": "generated",
        "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p><b>{html.escape(res["title"], quote=False)}</b></p>{paras}</div>',
    }


def write(res):
    out = {}
    for k, v in res.items():
        out[k] = v
        if k == "id":
            out["text"] = narrative(res)
    res = out
    path = os.path.join(OUT, f"{res['resourceType']}-{res['id']}.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


# ============================================================================
# CodeSystem: CPT fragment
# ============================================================================
def prop_uri(code):
    return f"{BASE}/CodeSystem/cpt#{code}"


CPT_PROPERTIES = [
    ("kind", "code", "Kind of CPT concept: 'test' = a laboratory procedure code; 'modifier' = a CPT modifier."),
    ("section", "string", "Section of the CPT code set the code belongs to (moltx wording)."),
    ("nucleic-acid", "code", "Nucleic acid analysed by the test: 'DNA' = DNA analysis only; 'RNA' = RNA analysis only "
                             "(e.g. fusion transcripts, expression); 'DNA-RNA' = DNA, or combined DNA and RNA, analysis."),
    ("gene-count", "string", "Number of genes in a genomic sequencing panel: '5-50' = 5 to 50 genes; '51+' = 51 or more genes."),
    ("neoplasm-scope", "code", "Neoplasm type the panel is for: 'solid-organ' = solid organ neoplasm; 'hematolymphoid' = "
                               "hematolymphoid neoplasm or disorder; 'both' = solid organ or hematolymphoid neoplasm or disorder."),
    ("gene", "Coding", "Gene analysed by a single-gene (Tier 1) molecular pathology code, as an HGNC gene identifier."),
    ("exons", "string", "Exons and codons of the gene analysed by the test."),
    ("usual-modifier", "Coding", "A modifier commonly reported with the code (repeats): CPT 26 (professional "
                                 "component) or HCPCS Level II TC (technical component)."),
    ("place-of-service", "Coding", "Typical CMS place of service where the test is performed."),
]

SECTION_GSP = "Pathology and Laboratory: Genomic Sequencing Procedures and Other Molecular Multianalyte Assays"
SECTION_T1 = "Pathology and Laboratory: Molecular Pathology (Tier 1)"


# CPT's own properties, as CPT's FHIR definition (served by tx.fhir.org; HL7 Terminology's cpt-modifiers, cpt-base
# and cpt-usable value sets filter on them) declares them: booleans, without a URI of ours
CPT_OFFICIAL_PROPERTIES = [
    ("modifier", "boolean", "Whether the concept is a modifier code."),
    ("modified", "boolean", "Whether the concept is a code with a modifier applied (a code:modifier expression)."),
]


def p(code, kind, value):
    return {"code": code, f"value{kind}": value}


def lab_common_props():
    return [
        p("modifier", "Boolean", False),
        p("modified", "Boolean", False),
        p("usual-modifier", "Coding", coding(CPT, "26", CPT_DISPLAY["26"])),
        p("usual-modifier", "Coding", coding(HCPCS, "TC", HCPCS_DISPLAY["TC"])),
        p("place-of-service", "Coding", coding(POS, "81", POS_DISPLAY["81"])),
    ]


def gsp(code, nucleic, count, scope):
    return {
        "code": code,
        "display": CPT_DISPLAY[code],
        "property": [
            p("kind", "Code", "test"),
            p("section", "String", SECTION_GSP),
            p("nucleic-acid", "Code", nucleic),
            p("gene-count", "String", count),
            p("neoplasm-scope", "Code", scope),
        ] + lab_common_props(),
    }


def cpt_codesystem():
    cs = common("CodeSystem", "cpt", "CPT", "Current Procedural Terminology (CPT) - moltx fragment",
                "Fragment of CPT (Current Procedural Terminology) holding the molecular pathology codes moltx "
                "describes, with moltx's own paraphrased displays (not the AMA descriptors) and properties "
                "recording facts about each code: nucleic acid analysed, gene count, neoplasm scope, gene and exons, "
                "usual modifiers and place of service.",
                version="2026", url=CPT)
    cs["copyright"] = CPT_COPYRIGHT
    cs["caseSensitive"] = True
    cs["content"] = "fragment"
    cs["property"] = [{"code": c, "uri": prop_uri(c), "description": d, "type": t} for c, t, d in CPT_PROPERTIES] + [
        {"code": c, "description": d, "type": t} for c, t, d in CPT_OFFICIAL_PROPERTIES]
    concepts = [
        gsp("81455", "DNA-RNA", "51+", "both"),
        gsp("81445", "DNA-RNA", "5-50", "solid-organ"),
        gsp("81450", "DNA-RNA", "5-50", "hematolymphoid"),
        gsp("81449", "RNA", "5-50", "solid-organ"),
        gsp("81451", "RNA", "5-50", "hematolymphoid"),
        gsp("81456", "RNA", "51+", "both"),
        {
            "code": "81311",
            "display": CPT_DISPLAY["81311"],
            "property": [
                p("kind", "Code", "test"),
                p("section", "String", SECTION_T1),
                p("nucleic-acid", "Code", "DNA"),
                p("gene", "Coding", coding(HGNC, "HGNC:7989", "NRAS")),
                p("exons", "String", "exon 2 (codons 12 and 13); exon 3 (codon 61)"),
            ] + lab_common_props(),
        },
        {
            "code": "26",
            "display": CPT_DISPLAY["26"],
            "property": [
                p("kind", "Code", "modifier"),
                p("section", "String", "Modifiers"),
                p("modifier", "Boolean", True),
                p("modified", "Boolean", False),
            ],
        },
    ]
    cs["concept"] = concepts
    return cs


def hcpcs_codesystem():
    cs = common("CodeSystem", "hcpcs", "HCPCSLevelII", "HCPCS Level II - moltx fragment",
                "Fragment of the CMS Healthcare Common Procedure Coding System (HCPCS) Level II code set holding "
                "the modifier TC (technical component) used with molecular pathology codes. The display is the "
                "CMS HCPCS short description.",
                version="2026", url=HCPCS)
    cs["copyright"] = "HCPCS Level II is maintained by the Centers for Medicare & Medicaid Services (CMS); US Government work, public domain."
    cs["caseSensitive"] = True
    cs["content"] = "fragment"
    cs["property"] = [{
        "code": "kind",
        "uri": f"{BASE}/CodeSystem/hcpcs#kind",
        "description": "Kind of HCPCS Level II concept: 'modifier' = a HCPCS Level II modifier.",
        "type": "code",
    }]
    cs["concept"] = [{"code": "TC", "display": HCPCS_DISPLAY["TC"], "property": [p("kind", "Code", "modifier")]}]
    return cs


# ============================================================================
# ConceptMaps
# ============================================================================
IND_81455 = [
    ("C92.01", "Acute myeloblastic leukemia in remission: a broad panel supports measurable residual disease assessment, remission monitoring and relapse-risk assessment by detecting persistent or emergent clonal variants."),
    ("C92.41", "Acute promyelocytic leukemia in remission: remission monitoring and relapse-risk assessment; a broad panel can detect persistent or secondary clonal variants (measurable residual disease)."),
    ("C92.51", "Acute myelomonocytic leukemia in remission: measurable residual disease assessment and relapse-risk stratification through persistent or emergent variants."),
    ("C92.61", "Acute myeloid leukemia with 11q23 (KMT2A) abnormality in remission: remission monitoring, measurable residual disease and detection of co-occurring or emergent variants that bear on relapse risk."),
    ("C92.Z1", "Other myeloid leukemia in remission: remission monitoring and relapse-risk assessment; the panel can detect persistent or newly emerging clonal variants."),
    ("C92.91", "Myeloid leukemia, unspecified, in remission: remission monitoring and measurable residual disease assessment; variant profile can also help characterise the leukemia and its relapse risk."),
    ("C93.01", "Acute monoblastic/monocytic leukemia in remission: measurable residual disease assessment and relapse-risk assessment from persistent or emergent variants."),
    ("C94.01", "Acute erythroid leukemia in remission: remission monitoring and relapse-risk assessment; detection of persistent clonal variants (e.g. TP53) or emergent clones."),
    ("C94.21", "Acute megakaryoblastic leukemia in remission: measurable residual disease assessment, remission monitoring and relapse-risk assessment."),
    ("C92.10", "Chronic myeloid leukemia, BCR/ABL-positive, active disease: testing may identify additional mutations or resistance mechanisms (e.g. on tyrosine kinase inhibitor failure or disease progression) that influence therapy."),
    ("C92.11", "Chronic myeloid leukemia, BCR/ABL-positive, in remission: surveillance sequencing may detect measurable residual disease or emergent clones that signal relapse or progression risk."),
]

MEL = "NRAS exon 2 and exon 3 (codon 12, 13, 61) hotspot variants occur in a substantial minority of cutaneous melanomas; the result informs targeted therapy selection (NRAS-mutant vs BRAF-mutant disease) and prognosis, e.g. in metastatic melanoma. The category indicates every code below it."
CRC = ("RAS status guides anti-EGFR antibody therapy in colorectal cancer: NRAS exon 2/3 variants predict lack of benefit. "
       "81311 covers NRAS exons 2 and 3 only (extended RAS testing also covers NRAS exon 4 and KRAS). The category indicates every code below it.")
AML = "NRAS variants are frequent in acute myeloid leukemia; the result contributes to molecular characterisation, prognosis and clonal monitoring. The category indicates every code below it."
IND_81311 = [
    ("C43", "Malignant melanoma of skin: " + MEL),
    ("C18", "Colon cancer: " + CRC),
    ("C19", "Rectosigmoid junction cancer (colorectal): " + CRC),
    ("C20", "Rectal cancer (colorectal): " + CRC),
    ("C92.0", "Acute myeloblastic leukemia (AML): " + AML),
    ("C92.4", "Acute promyelocytic leukemia (AML): " + AML),
    ("C92.5", "Acute myelomonocytic leukemia (AML): " + AML),
    ("C92.6", "Acute myeloid leukemia with 11q23-abnormality (AML): " + AML),
    ("C92.A", "Acute myeloid leukemia with multilineage dysplasia (AML): " + AML),
    ("C93.0", "Acute monoblastic/monocytic leukemia (AML): " + AML),
    ("C94.0", "Acute erythroid leukemia (AML): " + AML),
    ("C94.2", "Acute megakaryoblastic leukemia (AML): " + AML),
]


def icd_targets(items):
    return [{"code": c, "display": ICD_DISPLAY[c], "equivalence": "relatedto", "comment": cm} for c, cm in items]


def indications_map():
    cm = common("ConceptMap", "cpt-icd10cm-indications", "CptIcd10cmIndications",
                "CPT molecular pathology codes to ICD-10-CM indications",
                "Diagnoses (ICD-10-CM) that commonly indicate CPT 81455 and CPT 81311. All targets are 'relatedto' "
                "(an indication, not an equivalence). Displays are the official ICD-10-CM long titles (FY2026 order "
                "file; the FY2027 addenda change none of these codes); no ICD-10-CM version is fixed, so the newest "
                "loaded version applies.\n\n"
                "81455: the eleven codes come from a source document (a payer-style list). The source's labels for nine of "
                "them were wrong (it described, for example, C92.41 as chronic lymphocytic leukemia and C94.01 as "
                "myelodysplastic disease); the codes are kept with their official titles, and each comment is written "
                "for the real code (most are 'in remission' codes: remission monitoring, measurable residual disease, "
                "relapse risk).\n\n"
                "81311: targets are ICD-10-CM categories; a category indicates every code below it in the ICD-10-CM "
                "hierarchy (e.g. C18.7, C92.01). Indications: melanoma of skin (C43), colorectal cancer (C18, C19, C20) "
                "and acute myeloid leukemia in all its ICD-10-CM categories (C92.0, C92.4, C92.5, C92.6, C92.A, C93.0, "
                "C94.0, C94.2). Content decision: secondary malignant neoplasm codes C77-C79 (the codes for metastatic "
                "sites) are NOT mapped, because they name only the site of the metastasis, not the primary tumour, so "
                "they are not specific to melanoma (or to colorectal cancer) and would make 81311 an indication for "
                "any metastatic cancer. Metastatic melanoma is identified by the primary melanoma code C43.- reported "
                "with the C77-C79 site code; where the primary has been excised and is no longer treated, ICD-10-CM "
                "guidelines use Z85.820 (personal history of malignant melanoma of skin) with the C77-C79 code, and "
                "Z85.820 is not mapped either: a payer policy that covers that case needs an explicit addition.")
    cm["copyright"] = CPT_COPYRIGHT
    cm["group"] = [
        {
            "source": CPT,
            "target": ICD,
            "element": [
                {"code": "81455", "display": CPT_DISPLAY["81455"], "target": icd_targets(IND_81455)},
                {"code": "81311", "display": CPT_DISPLAY["81311"], "target": icd_targets(IND_81311)},
            ],
        }
    ]
    return cm


def related_map():
    cm = common("ConceptMap", "cpt-related-codes", "CptRelatedCodes",
                "CPT genomic sequencing panel 81455 to related CPT codes",
                "Related CPT codes for CPT 81455 (genomic sequencing panel, solid organ or hematolymphoid neoplasm or "
                "disorder, 51 or more genes, DNA or combined DNA and RNA). 81445 and 81450 are narrower alternatives "
                "(fewer genes, one neoplasm type); 81449, 81451 and 81456 are RNA-only companion panels (related). "
                "CPT displays are moltx paraphrases, not AMA descriptors.")
    cm["copyright"] = CPT_COPYRIGHT
    cm["sourceCanonical"] = f"{BASE}/ValueSet/cpt-genomic-sequencing-panels"
    cm["targetCanonical"] = f"{BASE}/ValueSet/cpt-genomic-sequencing-panels"
    targets = [
        ("81445", "narrower", "Narrower alternative: a 5 to 50 gene panel (fewer genes than 81455's 51 or more) for one neoplasm type only, solid organ neoplasm; same DNA, or combined DNA and RNA, analysis. Used when a smaller targeted panel suffices."),
        ("81450", "narrower", "Narrower alternative: a 5 to 50 gene panel (fewer genes than 81455's 51 or more) for one neoplasm type only, hematolymphoid neoplasm or disorder; same DNA, or combined DNA and RNA, analysis. Used when a smaller targeted panel suffices."),
        ("81449", "relatedto", "RNA companion: RNA-only panel (5 to 50 genes, solid organ neoplasm), e.g. for fusion transcripts or expression; may be ordered alongside a DNA panel."),
        ("81451", "relatedto", "RNA companion: RNA-only panel (5 to 50 genes, hematolymphoid neoplasm or disorder), e.g. for fusion transcripts; may be ordered alongside a DNA panel."),
        ("81456", "relatedto", "RNA companion of the same breadth: RNA-only panel, 51 or more genes, solid organ or hematolymphoid neoplasm or disorder; may complement 81455 when RNA-level data (fusions, expression) are needed."),
    ]
    cm["group"] = [{
        "source": CPT,
        "target": CPT,
        "element": [{
            "code": "81455",
            "display": CPT_DISPLAY["81455"],
            "target": [{"code": c, "display": CPT_DISPLAY[c], "equivalence": e, "comment": t} for c, e, t in targets],
        }],
    }]
    return cm


def nucc_map():
    cm = common("ConceptMap", "cpt-nucc-specialties", "CptNuccSpecialties",
                "CPT molecular pathology codes to NUCC provider specialties",
                "Pathology specialties (NUCC Health Care Provider Taxonomy 25.1) associated with CPT 81455 and CPT 81311 "
                "(interpretation and report, laboratory oversight). Displays are the NUCC 'Display Name'. The source "
                "document also listed 207L00000X, but that code is Anesthesiology (NUCC Display Name 'Anesthesiology "
                "Physician'), a source error, so it is not mapped; the source's label for 207ZP0102X was also wrong and "
                "the official name is used.")
    cm["copyright"] = CPT_COPYRIGHT + " NUCC Health Care Provider Taxonomy: " + NUCC_COPYRIGHT + "."
    cm["targetCanonical"] = f"{BASE}/ValueSet/molecular-pathology-specialties"
    comments = {
        "207ZP0105X": "Clinical pathologists / laboratory medicine physicians direct the clinical laboratory performing the test and may provide the interpretation (professional component).",
        "207ZP0007X": "Molecular genetic pathologists interpret and report molecular tests such as gene sequencing and variant analysis.",
        "207ZP0102X": "Pathologists certified in anatomic and clinical pathology review the tumour specimen and may interpret and report molecular results.",
    }
    tg = [{"code": c, "display": NUCC_DISPLAY[c], "equivalence": "relatedto", "comment": comments[c]} for c in NUCC_DISPLAY]
    cm["group"] = [{
        "source": CPT,
        "target": NUCC,
        "element": [
            {"code": "81455", "display": CPT_DISPLAY["81455"], "target": tg},
            {"code": "81311", "display": CPT_DISPLAY["81311"], "target": tg},
        ],
    }]
    return cm


# ============================================================================
# ValueSets
# ============================================================================
def vs_81455():
    vs = common("ValueSet", "cpt-81455-indications", "Cpt81455Indications",
                "ICD-10-CM indications for CPT 81455",
                "ICD-10-CM diagnosis codes that indicate CPT 81455 (genomic sequencing panel, 51 or more genes; DNA, or "
                "combined DNA and RNA): myeloid leukemias, mostly in remission (remission monitoring, measurable "
                "residual disease), and BCR/ABL-positive chronic myeloid leukemia. Displays are the official ICD-10-CM "
                "long titles. No ICD-10-CM version is fixed, so the newest loaded version applies.")
    vs["compose"] = {"include": [{
        "system": ICD,
        "concept": [{"code": c, "display": ICD_DISPLAY[c]} for c, _ in IND_81455],
    }]}
    return vs


def vs_81311():
    vs = common("ValueSet", "cpt-81311-indications", "Cpt81311Indications",
                "ICD-10-CM indications for CPT 81311",
                "ICD-10-CM diagnosis codes that indicate CPT 81311 (NRAS exon 2 and exon 3 variant analysis): "
                "malignant melanoma of skin (C43), colorectal cancer (C18, C19, C20) and acute myeloid leukemia "
                "(C92.0, C92.4, C92.5, C92.6, C92.A, C93.0, C94.0, C94.2), each category with every code below it "
                "(is-a). Secondary malignant neoplasm codes C77-C79 are not included: they name the metastatic site "
                "only and are not specific to melanoma. No ICD-10-CM version is fixed, so the newest loaded version applies.")
    vs["compose"] = {"include": [
        {"system": ICD, "filter": [{"property": "concept", "op": "is-a", "value": c}]} for c, _ in IND_81311
    ]}
    return vs


def vs_panels():
    vs = common("ValueSet", "cpt-genomic-sequencing-panels", "CptGenomicSequencingPanels",
                "CPT genomic sequencing panels for neoplasms",
                "CPT genomic sequencing panel codes for solid organ and hematolymphoid neoplasms (5 to 50 genes and "
                "51 or more genes; DNA or combined DNA and RNA, and RNA). Displays are moltx paraphrases, not AMA descriptors.")
    vs["copyright"] = CPT_COPYRIGHT
    vs["compose"] = {"include": [{
        "system": CPT,
        "concept": [{"code": c, "display": CPT_DISPLAY[c]} for c in ["81445", "81449", "81450", "81451", "81455", "81456"]],
    }]}
    return vs


def vs_modifiers():
    vs = common("ValueSet", "molecular-pathology-modifiers", "MolecularPathologyModifiers",
                "Modifiers for molecular pathology codes",
                "Modifiers reported with molecular pathology codes to split the service: CPT modifier 26 (professional "
                "component: interpretation and report) and HCPCS Level II modifier TC (technical component: laboratory work).")
    vs["copyright"] = CPT_COPYRIGHT + " HCPCS Level II is a CMS (US Government) code set, public domain."
    vs["compose"] = {"include": [
        {"system": CPT, "concept": [{"code": "26", "display": CPT_DISPLAY["26"]}]},
        {"system": HCPCS, "concept": [{"code": "TC", "display": HCPCS_DISPLAY["TC"]}]},
    ]}
    return vs


def vs_specialties():
    vs = common("ValueSet", "molecular-pathology-specialties", "MolecularPathologySpecialties",
                "Provider specialties for molecular pathology",
                "NUCC Health Care Provider Taxonomy codes for the pathology specialties that perform, interpret and "
                "report molecular pathology tests. Displays are the NUCC 'Display Name'.")
    vs["copyright"] = NUCC_COPYRIGHT
    vs["compose"] = {"include": [{
        "system": NUCC,
        "concept": [{"code": c, "display": d} for c, d in NUCC_DISPLAY.items()],
    }]}
    return vs


def vs_pos():
    vs = common("ValueSet", "laboratory-place-of-service", "LaboratoryPlaceOfService",
                "Laboratory place of service",
                "CMS Place of Service code for an independent laboratory, the typical place of service of molecular "
                "pathology tests.")
    vs["copyright"] = "The CMS Place of Service code set is US Government content, public domain."
    vs["compose"] = {"include": [{
        "system": POS,
        "concept": [{"code": c, "display": d} for c, d in POS_DISPLAY.items()],
    }]}
    return vs


def main():
    os.makedirs(OUT, exist_ok=True)
    for r in [cpt_codesystem(), hcpcs_codesystem(), indications_map(), related_map(), nucc_map(),
              vs_81455(), vs_81311(), vs_panels(), vs_modifiers(), vs_specialties(), vs_pos()]:
        write(r)


if __name__ == "__main__":
    main()
