"""A deterministic corpus of synthetic EU border and migration policy news, for benchmarks.

Each document is a headline and paragraphs of sentences drawn from templates
over broad lists of actors, measures, amounts (written in many forms), legal
principles, places and dates; lengths vary from a short notice to a long
article. The same seed and N always give the same bytes.

    python benchmarks/generate.py 1000 --out /tmp/corpus-1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

EU_INSTITUTIONS = [
    "the European Commission", "the Commission", "the European Parliament", "the Council of the European Union",
    "the Council", "the European Council", "the Court of Justice of the European Union", "the European Court of Auditors",
    "the European External Action Service", "the European Ombudsman", "the European Economic and Social Committee",
    "the Committee of the Regions", "the European Data Protection Supervisor", "the High Representative",
]
AGENCIES = [
    "Frontex", "the European Border and Coast Guard Agency", "the European Union Agency for Asylum", "EUAA", "Europol",
    "eu-LISA", "the Fundamental Rights Agency", "FRA", "Eurojust", "the European Maritime Safety Agency", "EMSA",
    "the European Union Satellite Centre", "the European Defence Agency",
]
INTERNATIONAL = [
    "UNHCR", "the UN Refugee Agency", "the International Organization for Migration", "IOM", "the Council of Europe",
    "NATO", "the OSCE", "the United Nations", "the African Union", "the World Bank", "the European Court of Human Rights",
]
NGOS = [
    "Amnesty International", "Human Rights Watch", "the International Rescue Committee", "Médecins Sans Frontières",
    "Save the Children", "the Danish Refugee Council", "the Norwegian Refugee Council", "Caritas Europa", "Oxfam",
    "the European Council on Refugees and Exiles", "ECRE", "PICUM", "Sea-Watch", "SOS Méditerranée", "Statewatch",
    "the Red Cross", "the Jesuit Refugee Service", "ProAsyl", "the Hungarian Helsinki Committee", "Access Now",
]
STATES = [
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland", "France",
    "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "the Netherlands",
    "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden", "Norway", "Switzerland", "Iceland",
]
THIRD_COUNTRIES = [
    "Russia", "Belarus", "Turkey", "Libya", "Tunisia", "Morocco", "Egypt", "Mauritania", "Senegal", "Niger",
    "Serbia", "Bosnia and Herzegovina", "North Macedonia", "Albania", "Ukraine", "Moldova", "Georgia", "Afghanistan",
    "Syria", "Lebanon", "Jordan", "Pakistan", "Bangladesh", "the United Kingdom",
]
OFFICIALS = [
    "the Commissioner for Home Affairs", "the Commissioner for Internal Affairs and Migration", "the interior minister",
    "the Prime Minister", "the Federal Chancellor", "the President of the Commission", "the rapporteur",
    "the Executive Director of Frontex", "a Commission spokesperson", "the head of the EU delegation",
    "the Minister for Migration", "the Director of the Fundamental Rights Agency",
]
MEASURES = [
    "border controls", "internal border controls", "a border fence", "electronic surveillance equipment",
    "the Entry/Exit System", "ETIAS", "the screening regulation", "accelerated border procedures", "return hubs",
    "a solidarity mechanism", "relocation of asylum seekers", "humanitarian corridors", "resettlement places",
    "pushbacks", "the suspension of asylum applications", "visa restrictions", "readmission agreements",
    "search and rescue operations", "joint operations", "mobile detection equipment", "drone surveillance",
    "the Schengen Information System", "biometric registration", "Eurodac", "reception centres", "detention at the border",
    "a safe third country list", "temporary protection", "family reunification", "legal pathways", "talent partnerships",
    "counter-smuggling operations", "anti-drone systems", "thermal cameras", "a new pact on migration and asylum",
    "the return directive", "voluntary return programmes", "the crisis regulation", "carrier sanctions",
]
PRINCIPLES = [
    "the principle of non-refoulement", "the right to asylum", "human dignity", "proportionality",
    "the rule of law", "fundamental rights", "the best interests of the child", "solidarity and fair sharing of responsibility",
    "the right to an effective remedy", "the prohibition of collective expulsion", "data protection",
    "the Geneva Convention", "the Charter of Fundamental Rights", "freedom of movement", "legal certainty",
    "sincere cooperation", "the right to family life", "non-discrimination",
]
FUNDS = [
    "the Border Management and Visa Instrument", "the Asylum, Migration and Integration Fund", "AMIF",
    "the Internal Security Fund", "the Neighbourhood, Development and International Cooperation Instrument",
    "the EU Trust Fund for Africa", "the Facility for Refugees in Turkey", "the Recovery and Resilience Facility",
    "the Thematic Facility", "emergency assistance", "the Ukraine Facility",
]
PURPOSES = [
    "upgrading surveillance at the external border", "improving reception conditions", "supporting returns",
    "training border guards", "deploying mobile detection equipment", "countering drone intrusions",
    "strengthening asylum systems", "integrating refugees into the labour market", "fighting migrant smuggling",
    "protecting unaccompanied minors", "building reception capacity", "modernising IT systems",
]
PLACES = [
    "the eastern border", "the Mediterranean", "the Aegean", "the Western Balkans route", "the Central Mediterranean route",
    "the Atlantic route", "Lampedusa", "the Canary Islands", "Ceuta and Melilla", "the Evros river", "the Polish-Belarusian border",
    "the Finnish-Russian border", "the Channel", "the Bihać area", "Calais", "Moria", "the Strait of Gibraltar",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
GROUPS = ["migrants", "asylum seekers", "refugees", "people", "unaccompanied minors", "third-country nationals", "irregular arrivals"]
VERBS_ADOPT = ["adopted", "agreed on", "introduced", "approved", "endorsed", "put in place", "launched", "extended"]
VERBS_PLAN = ["will introduce", "plans to deploy", "intends to extend", "is preparing", "will propose", "is set to launch"]
VERBS_CALL = ["called for", "urged", "demanded", "asked for", "pressed for", "appealed for"]
VERBS_CRIT = ["criticised", "condemned", "questioned", "warned against", "challenged", "denounced"]
SAY = ["said", "stated", "stressed", "noted", "told reporters", "argued", "insisted", "warned", "declared"]
QUALITIES = ["exceptional", "temporary", "proportionate", "time-limited", "targeted", "humane", "orderly", "effective"]
CONNECTIVES = ["Meanwhile,", "In addition,", "At the same time,", "However,", "Separately,", "Earlier this year,", "On Tuesday,", "According to officials,"]
HEADLINES = [
    "{A} Steps Up {M} at {P}", "{A} Backs {M} Despite Criticism", "New Funding for {P}: {A} Announces {N}",
    "{S} Reintroduces {M}", "Rights Groups Warn Over {M}", "{A} and {S} Agree on {M}", "Arrivals at {P} Rise Again",
    "{A} Proposes Overhaul of {M}", "What the Deal on {M} Means", "{S} Asks EU for Help at {P}",
]


def actor(rng: random.Random) -> str:
    """Any actor: an EU institution, an agency, a state, an international body or an NGO."""
    pool = rng.choices([EU_INSTITUTIONS, AGENCIES, STATES, INTERNATIONAL, NGOS, THIRD_COUNTRIES], weights=[5, 3, 5, 2, 3, 1])[0]
    return rng.choice(pool)


def amount(rng: random.Random) -> str:
    """A sum of money written in one of the many ways the press writes it."""
    millions = rng.choice([1.5, 2, 5, 12, 20, 35, 50, 72, 100, 150, 170, 250, 400, 500, 750, 1000, 1200, 2000, 6000])
    whole = int(millions * 1_000_000)
    form = rng.randrange(9)
    if form == 0:
        return f"€{millions:g} million" if millions < 1000 else f"€{millions / 1000:g} billion"
    if form == 1:
        return f"EUR {whole:,}"
    if form == 2:
        return f"{millions:g} million euros" if millions < 1000 else f"{millions / 1000:g} billion euros"
    if form == 3:
        return f"€{millions:g}m" if millions < 1000 else f"€{millions / 1000:g}bn"
    if form == 4:
        return f"{whole:,} euro".replace(",", ".")
    if form == 5:
        return f"EUR {millions:g} million"
    if form == 6:
        return f"${millions:g} million"
    if form == 7:
        return f"£{millions:g} million"
    return f"some {millions:g} million euro"


def date(rng: random.Random) -> str:
    """A date in one of several styles."""
    year, month, day = rng.randint(2015, 2026), rng.randrange(12), rng.randint(1, 28)
    return rng.choice([f"{day} {MONTHS[month]} {year}", f"{MONTHS[month]} {day}, {year}", f"in {MONTHS[month]} {year}", f"{year}"])


def cap(text: str) -> str:
    """Capitalise the first letter only."""
    return text[:1].upper() + text[1:]


def sentence(rng: random.Random) -> str:
    """One sentence from a randomly chosen structure."""
    a, b, m, p = actor(rng), actor(rng), rng.choice(MEASURES), rng.choice(PRINCIPLES)
    kind = rng.randrange(18)
    if kind == 0:
        return f"{cap(a)} {rng.choice(VERBS_ADOPT)} {m} at {rng.choice(PLACES)} on {date(rng)}."
    if kind == 1:
        return f"{cap(a)} {rng.choice(VERBS_PLAN)} {m}, while respecting {p}."
    if kind == 2:
        return f"{cap(a)} {rng.choice(VERBS_CALL)} {m} and {rng.choice(MEASURES)} to address the situation at {rng.choice(PLACES)}."
    if kind == 3:
        return f"{cap(a)} {rng.choice(VERBS_CRIT)} {m}, saying it would breach {p}."
    if kind == 4:
        return f"The EU is making available {amount(rng)} from {rng.choice(FUNDS)} for {rng.choice(PURPOSES)}."
    if kind == 5:
        return f"{cap(a)} will receive {amount(rng)} to support {rng.choice(PURPOSES)} in {rng.choice(STATES)}."
    if kind == 6:
        pct, year = rng.randint(3, 180), rng.randint(2016, 2025)
        return f"The number of {rng.choice(GROUPS)} arriving via {rng.choice(PLACES)} {rng.choice(['rose', 'fell', 'increased', 'dropped'])} by {pct}% compared to {year}."
    if kind == 7:
        return f"\u201cWe must protect our external borders, but {p} is not negotiable,\u201d {rng.choice(OFFICIALS)} {rng.choice(SAY)}."
    if kind == 8:
        return f"Such measures have to be {', '.join(rng.sample(QUALITIES, 3))} and {rng.choice(QUALITIES)}."
    if kind == 9:
        return f"{cap(a)} and {b} agreed to cooperate closely on {m} and {rng.choice(MEASURES)}."
    if kind == 10:
        return f"{cap(a)} accused {rng.choice(THIRD_COUNTRIES)} of using {rng.choice(GROUPS)} as a political tool to destabilise {rng.choice(STATES)}."
    if kind == 11:
        return f"Under the new rules, {m} must comply with {p} and {rng.choice(PRINCIPLES)}."
    if kind == 12:
        return f"{rng.choice(CONNECTIVES)} {a} {rng.choice(['did not', 'refused to', 'declined to'])} {rng.choice(['suspend', 'introduce', 'extend'])} {m}."
    if kind == 13:
        n = rng.randint(2, 40) * rng.choice([10, 100, 1000])
        return f"More than {n:,} {rng.choice(GROUPS)} were registered in {rng.choice(STATES)} {date(rng)}, {rng.choice(['according to', 'figures from', 'data published by'])} {rng.choice(AGENCIES)}."
    if kind == 14:
        return f"{cap(rng.choice(OFFICIALS))} {rng.choice(SAY)} that {a} {rng.choice(VERBS_PLAN)} {m} {rng.choice(['next year', 'by the summer', 'within weeks', 'before the end of the mandate'])}."
    if kind == 15:
        return f"In a joint statement, {a}, {b} and {actor(rng)} {rng.choice(VERBS_CALL)} an end to {rng.choice(['pushbacks', 'detention of children', 'violence at the border', 'arbitrary expulsions'])}."
    if kind == 16:
        return f"The court ruled that {m} in {rng.choice(STATES)} violated {p}."
    return f"{cap(a)} {rng.choice(['welcomed', 'supported', 'rejected', 'opposed'])} the proposal by {b} on {m}."


def document(rng: random.Random) -> str:
    """A headline and a few paragraphs, from a short notice to a long article."""
    headline = rng.choice(HEADLINES).format(
        A=cap(actor(rng)).removeprefix("The "), M=cap(rng.choice(MEASURES)), P=cap(rng.choice(PLACES)),
        N=amount(rng), S=rng.choice(STATES).removeprefix("the "),
    )
    sentences = int(rng.lognormvariate(2.3, 0.55)) + 3  # median ~13 sentences, long tail
    paragraphs, current = [], []
    for _ in range(sentences):
        current.append(sentence(rng))
        if len(current) >= rng.randint(2, 6):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write n documents into `out` (one sub-folder per thousand); returns their paths."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"doc-{i:06d}.txt"
        path.write_text(document(rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: N, --out, --seed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.n, args.out, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} documents, {words} words in {args.out}")


if __name__ == "__main__":
    main()
