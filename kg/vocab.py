"""The ontology's terms as Python names (checked against ontology/kg.ttl by a test).

Plain strings, so that query and export paths need neither rdflib nor pyoxigraph.
"""

from __future__ import annotations

KG = "https://w3id.org/policy-kg/ontology#"
KGI = "https://w3id.org/policy-kg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgi": KGI,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "org": ORG,
    "wd": WD,
}
# readable prefixed names for instances: actor:european-union rather than kgi:actor\/european-union
INSTANCE_PREFIXES: dict[str, str] = {
    name: f"{KGI}{name}/" for name in ("actor", "measure", "fund", "principle", "doc", "evidence", "observation", "graph")
}

# classes
ACTOR = KG + "Actor"
MEASURE = KG + "Measure"
FUND = KG + "Fund"
LEGAL_PRINCIPLE = KG + "LegalPrinciple"
DOCUMENT = KG + "Document"
EVIDENCE = KG + "Evidence"
OBSERVATION = KG + "Observation"

# actor subclasses, named as the gold `kind`
ACTOR_KINDS = (
    "State",
    "EUInstitution",
    "NationalAuthority",
    "Agency",
    "InternationalOrganisation",
    "Group",
    "Person",
    "Organisation",
)
ENTITY_CLASSES = {"Actor": ACTOR, "Measure": MEASURE, "Fund": FUND, "LegalPrinciple": LEGAL_PRINCIPLE}

# relations: contract local names, keyed by the gold's kebab-case names
RELATIONS: dict[str, str] = {
    "adopts": KG + "adopts",
    "proposes": KG + "proposes",
    "funds": KG + "funds",
    "provided-by": KG + "providedBy",
    "supports": KG + "supports",
    "cooperates-with": KG + "cooperatesWith",
    "instrumentalises": KG + "instrumentalises",
    "threatens": KG + "threatens",
    "must-respect": KG + "mustRespect",
    "restricts": KG + "restricts",
    "targets": KG + "targets",
}

# datatype and annotation properties
MENTIONED_IN = KG + "mentionedIn"
STATUS = KG + "status"
QUALITY = KG + "quality"
NEGATED = KG + "negated"
HEDGED = KG + "hedged"
CONDITIONAL = KG + "conditional"
# the qualifications of a claim the text does not state as fact: on measures and on evidence records
MARKS = {"hedged": HEDGED, "conditional": CONDITIONAL}
AMOUNT = KG + "amount"
CURRENCY = KG + "currency"
INSTRUMENT = KG + "instrument"
SENTENCE = KG + "sentence"
START = KG + "startOffset"
END = KG + "endOffset"
RULE = KG + "extractedBy"
SPEAKER = KG + "speaker"
PUBLISHER = DCTERMS + "publisher"
CREATOR = DCTERMS + "creator"
SOURCE_PATH = KG + "sourcePath"
ALTERNATE_PATH = KG + "alternatePath"
CONTENT_HASH = KG + "contentHash"
TEXT_LAYER = KG + "TextLayer"
HAS_TEXT = KG + "textLayer"
OFFSETS_IN = KG + "offsetsIn"
LAYER_KIND = KG + "layerKind"
URL = KG + "url"
REFERENCES = DCTERMS + "references"
VALUE = KG + "value"
UNIT = KG + "unit"
PERIOD = KG + "period"
BASELINE = KG + "baselinePeriod"
ABOUT = KG + "about"

# summaries the build counts into the graph kgi:graph/summary (kg/summaries.py)
EVIDENCE_COUNT = KG + "evidenceCount"
DOCUMENT_COUNT = KG + "documentCount"
RELATION_COUNT = KG + "relationCount"
EDGE_COUNT = KG + "edgeCount"
EDGE_SUMMARY = KG + "EdgeSummary"
EDGE_SUBJECT = KG + "edgeSubject"
EDGE_PREDICATE = KG + "edgePredicate"
EDGE_OBJECT = KG + "edgeObject"
EDGE = KG + "edge"  # an evidence record → the edge summary of its triple
SUMMARY_VERSION = KG + "summaryVersion"

STATUSES = ("adopted", "planned", "proposed", "called-for", "permitted")

TYPE = RDF + "type"
LABEL = RDFS + "label"
ALT_LABEL = SKOS + "altLabel"
SAME_AS = OWL + "sameAs"
DERIVED_FROM = PROV + "wasDerivedFrom"
TITLE = DCTERMS + "title"
DATE = DCTERMS + "date"
RDF_SUBJECT = RDF + "subject"
RDF_PREDICATE = RDF + "predicate"
RDF_OBJECT = RDF + "object"

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
