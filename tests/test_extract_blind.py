"""General rules found on blind texts (news wires, NGO releases), each on a short text of our own."""

from __future__ import annotations

import pytest

from kg.model import Document, Extraction


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from kg.extract import load_pipeline

    return load_pipeline()


def run(pipeline, text: str) -> Extraction:  # type: ignore[no-untyped-def]
    return pipeline.extract_one(Document(id="b.txt", path="b.txt", text=text, body=text, sha256="0"))


def measures(ex: Extraction) -> dict[str, object]:
    return {e.label: e for e in ex.entities if e.kind == "Measure"}


def actors(ex: Extraction) -> set[str]:
    return {e.label for e in ex.entities if e.kind == "Actor"}


def edges(ex: Extraction) -> set[tuple[str, str, str]]:
    lab = {e.key: e.label for e in ex.entities}
    return {(lab.get(r.subject, r.subject), r.predicate, lab.get(r.object, r.object)) for r in ex.relations}


def test_decide_to_keep_object_complement_is_adopted(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Polish government decided on Monday to keep two checkpoints on the Belarusian border shut until further notice.")
    ms = measures(ex)
    assert "keep two checkpoints on the Belarusian border shut" in ms
    assert ms["keep two checkpoints on the Belarusian border shut"].status == "adopted"
    assert ("Government of Poland", "adopts", "keep two checkpoints on the Belarusian border shut") in edges(ex)


def test_third_state_moving_people_to_border_instrumentalises(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Lithuania says Minsk keeps sending migrants towards the Lithuanian border. "
                       "Officials said Belarus was channelling asylum seekers to the frontier at night.")
    e = edges(ex)
    assert ("Belarus", "instrumentalises", "migrants") in e
    assert ("Belarus", "instrumentalises", "asylum seekers") in e
    assert not any(p in ("adopts", "proposes") and s == "Belarus" for s, p, _ in e)
    assert not any("sending" in m or "channelling" in m for m in measures(ex))


def test_member_state_moving_people_is_not_instrumentalisation(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Poland pushed migrants back to Belarus. Latvia will send officers to the border.")
    assert not any(p == "instrumentalises" for _, p, _ in edges(ex))


def test_back_endorse_side_with_support(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "Brussels has backed Vilnius. Germany sided with Warsaw. Sweden showed solidarity with Latvia."))
    assert ("European Commission", "supports", "Lithuania") in e
    assert ("Germany", "supports", "Poland") in e
    assert ("Sweden", "supports", "Latvia") in e


def test_national_adjective_opens_an_ngo_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Danish Refugee Council urged the authorities to stop the practice. The Lithuanian Red Cross agreed.")
    names = actors(ex)
    assert "Danish Refugee Council" in names
    assert "Lithuanian Red Cross" in names


def test_violating_measure_restricts_principles(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia adopted a law allowing guards to return people at the border. Lawyers said the law could breach "
                       "the principle of non-refoulement and the right to asylum.")
    e = edges(ex)
    law = next(m for m in measures(ex) if m.startswith("law"))
    assert (law, "restricts", "non-refoulement") in e
    assert (law, "restricts", "right to asylum") in e
    assert not any(p == "threatens" for _, p, _ in e)


def test_vague_measure_label_is_not_a_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Lithuania and Poland have taken similar steps. Estonia adopted further measures.")
    assert not {"similar steps", "further measures"} & set(measures(ex))


def test_possessive_in_label_becomes_definite(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Vilnius plans to fortify its border with Belarus.")
    ms = measures(ex)
    assert "fortify the border with Belarus" in ms
    assert ms["fortify the border with Belarus"].status == "planned"


def test_hostile_modifier_subject_and_bussing(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "Officials said Russian services were bussing groups of migrants to the Finnish frontier."))
    assert ("Russia", "instrumentalises", "migrants") in e


def test_member_state_violating_rights_keeps_its_measures(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Lithuania will build a new fence along the border with Belarus. "
                       "Activists said Lithuania is violating the principle of non-refoulement.")
    e = edges(ex)
    assert ("Lithuania", "threatens", "non-refoulement") in e
    assert any(s == "Lithuania" and p == "adopts" for s, p, _ in e)


def test_voiced_support_for_capital_is_support_not_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Estonia voiced support for Vilnius.")
    assert ("Estonia", "supports", "Lithuania") in edges(ex)
    assert not measures(ex)


def test_reported_pronoun_would_keep_closed_is_planned(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Estonian interior ministry said it would keep its own border crossings closed to cargo from Russia.")
    ms = measures(ex)
    assert "keep the border crossings closed to cargo from Russia" in ms
    assert ms["keep the border crossings closed to cargo from Russia"].status == "planned"
    assert ("Ministry of the Interior of Estonia", "adopts", "keep the border crossings closed to cargo from Russia") in edges(ex)


def test_examining_a_proposal_is_not_a_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The European Commission said it would examine the plan but stressed that rights apply.")
    assert not measures(ex)


def test_measure_suspending_a_principle_restricts_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Lithuanian government plans to suspend the right to asylum for people arriving from Belarus.")
    label = "suspend the right to asylum for people arriving from Belarus"
    assert (label, "restricts", "right to asylum") in edges(ex)


def test_the_organisations_and_they_are_the_named_ngos(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Estonian Refugee Council and Amnesty International released testimonies from the border. "
                       "The organisations call on the government to set up an independent monitoring mechanism. "
                       "They also urge the European Commission to make border funding conditional on monitoring.")
    e = edges(ex)
    assert "Estonian Refugee Council" in actors(ex)
    for ngo in ("Estonian Refugee Council", "Amnesty International"):
        assert (ngo, "proposes", "set up an independent monitoring mechanism") in e
        assert (ngo, "proposes", "make border funding conditional on monitoring") in e
    assert not any("testimonies" in m for m in measures(ex))


def test_money_spent_on_a_measure_funds_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "Lithuania has spent EUR 150 million on the fence since 2021."))
    assert ("Lithuania", "funds", "the fence") in e


def test_nominal_by_agent_of_an_infinitive(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Finland cited attempts by Moscow to steer asylum seekers towards its northern crossings.")
    e = edges(ex)
    assert ("Russia", "instrumentalises", "asylum seekers") in e
    assert not measures(ex)  # citing is reporting, not a measure


def test_national_ombudsman_is_an_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert "Ombudsman of Lithuania" in actors(run(pipeline, "The Lithuanian Ombudsman criticised the new pushback law."))


def test_reported_pronoun_is_the_subject_of_a_relation(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "Latvia thanked the agency and said it would keep working closely with Frontex. "
                            "Estonia said it would cooperate with Finland."))
    assert ("Estonia", "cooperates-with", "Finland") in e


def test_help_x_do_y_supports_x_and_is_not_x_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Frontex deployed 40 officers to Lithuania to help the State Border Guard Service patrol the border with Belarus.")
    e = edges(ex)
    assert ("Frontex", "supports", "State Border Guard Service of Lithuania") in e
    assert ("Frontex", "supports", "Lithuania") in e
    assert not any(s == "State Border Guard Service of Lithuania" and p == "adopts" for s, p, _ in e)
    assert "deployed 40 officers to Lithuania" in measures(ex)  # the act ends where its purpose begins


def test_deployment_to_a_member_state_border_or_capital_supports_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Frontex will deploy additional officers to the Finnish-Russian border. "
                       "The EUAA has sent a team of experts to Vilnius to register applications.")
    e = edges(ex)
    assert ("Frontex", "supports", "Finland") in e
    assert ("European Union Agency for Asylum", "supports", "Lithuania") in e
    assert not any(o == "Russia" and p == "supports" for _, p, o in e)


def test_capital_as_a_place_is_still_no_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The ministers met in Vilnius. Migrants were sent to Minsk by plane.")
    assert not {"Lithuania", "Belarus"} & actors(ex)


def test_anaphoric_legal_text_and_proposal_find_their_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Seimas adopted amendments that allow border guards to refuse entry to migrants. "
                       "The Seimas also extended the state of emergency. UNHCR warned that the new rules risk violating the principle of non-refoulement.")
    e = edges(ex)
    assert any(p == "restricts" and o == "non-refoulement" and "amendments" in s for s, p, o in e)
    assert not any(p == "restricts" and "state of emergency" in s for s, p, _ in e)


def test_proposal_is_the_proposed_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Norwegian government has proposed amendments to the Immigration Act. Norway is prepared to close the Storskog crossing. "
                       "NOAS said the proposal would breach the right to asylum.")
    ms = measures(ex)
    label = next(m for m in ms if "amendments" in m)
    assert ms[label].status == "proposed"
    assert ("Government of Norway", "proposes", label) in edges(ex)
    assert (label, "restricts", "right to asylum") in edges(ex)


def test_such_decision_is_the_measure_just_named(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Police and Border Guard Board will hire 120 new border guards. Estonia is ready to close its border crossing points "
                       "with Russia if the situation deteriorates. Any such decision would respect the country's international obligations.")
    e = edges(ex)
    assert ("close the border crossing points with Russia", "must-respect", "international obligations") in e
    assert ("Estonia", "proposes", "close the border crossing points with Russia") in e  # the condition is not part of it


def test_act_ends_before_its_circumstances(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Finland closed all eight crossing points on its border with Russia last year after 1,300 asylum seekers arrived.")
    assert "closed all eight crossing points on the border with Russia" in measures(ex)


def test_any_derogation_must_respect_binds_the_measures_just_named(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Under the new rules, Latvia could register applications only at two crossing points. "
                       "Member states stressed that any derogation must respect the principle of non-refoulement.")
    e = edges(ex)
    label = next(m for m in measures(ex) if m.startswith("register applications"))
    assert (label, "must-respect", "non-refoulement") in e


def test_declared_state_of_emergency_and_coordinated_authorisation(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Latvian government on Tuesday declared a state of emergency in four municipalities and authorised border guards "
                       "to use physical force to return migrants who cross the border illegally.")
    ms = measures(ex)
    assert ("Government of Latvia", "adopts", "declared a state of emergency in four municipalities") in edges(ex)
    assert ms["return migrants who cross the border illegally"].status == "permitted"


def test_the_pushbacks_are_the_measure_that_sends_people_back(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Under the new rules, the State Border Guard of Latvia may send people back to Belarus. "
                       "Amnesty International said the pushbacks violated human dignity.")
    assert ("send people back to Belarus", "restricts", "human dignity") in edges(ex)


def test_ensure_that_measures_are_proportionate_is_no_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The European Commission asked Riga to ensure that any measure is proportionate and respects the principle of non-refoulement.")
    assert not any(m.startswith("ensure") for m in measures(ex))


def test_price_of_a_measure_funds_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia will also build a 134 km fence along the frontier at a cost of 37 million euros.")
    e = edges(ex)
    assert ("Latvia", "adopts", "build a 134 km fence along the frontier") in e
    assert ("37 million euros", "funds", "build a 134 km fence along the frontier") in e


def test_a_nominalised_act_restates_the_measure_that_does_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The State Border Guard of Latvia may send people back to Belarus. Latvia will build a fence. "
                       "Amnesty International said the pushbacks violated human dignity.")
    e = edges(ex)
    assert ("send people back to Belarus", "restricts", "human dignity") in e
    assert not any(s.startswith("build") and p == "restricts" for s, p, _ in e)


def test_orchestrating_the_movement_of_migrants_instrumentalises_them(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "We acknowledge that Belarus and Russia deliberately orchestrate the movement of migrants to destabilise the EU. "
                       "Poland organised the transport of refugees to reception centres.")
    e = edges(ex)
    assert ("Belarus", "instrumentalises", "migrants") in e and ("Russia", "threatens", "European Union") in e
    assert not any(s == "migrants" for s, _, _ in e)
    assert not any(s == "Poland" and p == "instrumentalises" for s, p, _ in e)


def test_pushed_back_is_an_act_and_such_practices_restate_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Since then, Polish border guards have pushed back hundreds of people to the Belarusian side of the fence. "
                       "Such practices breach the prohibition of torture and inhuman treatment, the principle of non-refoulement and the right to life.")
    e = edges(ex)
    label = next(m for m in measures(ex) if m.startswith("pushed back"))
    assert ("Polish Border Guard", "adopts", label) in e
    assert {(label, "restricts", p) for p in ("prohibition of torture", "non-refoulement", "right to life")} <= e


def test_call_by_an_unnamed_we_still_gives_the_addressees_measures(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia closed the border. We call on the Latvian authorities to lift the closure immediately and to investigate all deaths at the border.")
    ms = measures(ex)
    assert ms["investigate all deaths at the border"].status == "called-for"
    assert not any(p == "proposes" for _, p, _ in edges(ex))


def test_law_adopted_by_an_actor_is_its_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "We are alarmed by the law adopted by the Sejm on 26 March, which allows the government to suspend the right to seek asylum. "
                       "The fence built by Poland cost millions. Any measure taken by Member States must comply with fundamental rights.")
    e = edges(ex)
    assert ("Sejm", "adopts", "law which allows the government to suspend the right to seek asylum") in e
    assert ("Poland", "adopts", "fence") in e
    assert ("EU Member States", "must-respect", "fundamental rights") in e
    assert "measure" not in measures(ex)


def test_dateline_place_and_agency_are_not_actors(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "HELSINKI (AP) — Finland's parliament on Friday approved a contested law that lets border guards turn away asylum seekers.")
    e = edges(ex)
    assert "AP" not in actors(ex)
    assert any(s == "Eduskunta" and p == "adopts" for s, p, _ in e)
    assert not any(s == "Finland" and p == "adopts" for s, p, _ in e)


def test_weaponised_migration_instrumentalises_migrants(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "Orpo said Moscow had weaponised migration to put pressure on Finland."))
    assert ("Russia", "instrumentalises", "migrants") in e


def test_passive_adoption_by_a_named_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Sanctions on airlines that bring migrants to Russia were adopted by the Council in 2024. "
                       "Several EU measures against smuggling have already been put in place.")
    e = edges(ex)
    assert any(s == "Council of the European Union" and p == "adopts" and o.startswith("Sanctions") for s, p, o in e)
    assert not any(s == "European Union" and p == "adopts" for s, p, _ in e)


def test_accused_of_organising_the_movement_of_people(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Helsinki has accused Moscow of organising the movement of people as a form of hybrid warfare.")
    e = edges(ex)
    assert ("Russia", "instrumentalises", "migrants") in e
    assert not any(s == "Finland" for s, _, _ in e)


def test_passive_deployment_of_staff_with_destinations(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The EUAA said that 36 experts would be deployed to Lithuania and 22 to Latvia. "
                       "The experts will be deployed along the border.")
    ms = measures(ex)
    assert ms["deploy experts to Lithuania and Latvia"].status == "planned"
    assert ("European Union Agency for Asylum", "adopts", "deploy experts to Lithuania and Latvia") in edges(ex)
    assert len(ms) == 1  # "the experts" were named before


def test_any_measure_is_a_general_rule_and_bare_measures_name_none(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia will keep its crossing points closed. The Commission stressed that any measure must respect fundamental rights. "
                       "The Council welcomes the measures taken by these Member States.")
    assert not any(p == "must-respect" and s.startswith("keep") for s, p, _ in edges(ex))
    assert "measures" not in measures(ex)


def test_a_question_states_no_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "2. Will the Commission make further funding conditional on an independent border monitoring mechanism?")
    assert not measures(ex)
    assert not any(p == "adopts" for _, p, _ in edges(ex))


def test_money_given_to_a_state_supports_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "The Commission has granted Estonia an additional €12.5 million. Poland has spent PLN 1.6 billion on the barrier."))
    assert ("European Commission", "supports", "Estonia") in e
    assert not any(p == "supports" and s == "Poland" for s, p, _ in e)


def test_agency_increasing_its_presence_in_a_member_state_supports_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "Frontex has increased its presence in Finland and Estonia with 70 officers. Russia increased its military presence in Belarus."))
    assert ("Frontex", "supports", "Finland") in e and ("Frontex", "supports", "Estonia") in e
    assert not any(p == "supports" and s == "Russia" for s, p, _ in e)


def test_recipient_of_money_is_not_its_provider(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia will receive €20m to buy drones for its border guards. Estonia is allocated 15 million euros for the repair of its fence. "
                       "The new tower will cost about €4 million.")
    e = edges(ex)
    assert not any(p == "provided-by" for _, p, _ in e)
    assert not any(p == "funds" and s in ("Latvia", "Estonia") for s, p, _ in e)
    assert ("€20m", "funds", "buy drones for its border guards") in e
    assert ("Latvia", "adopts", "buy drones for its border guards") in e
    assert any(s == "15 million euros" and p == "funds" and o.startswith("the repair of its fence") for s, p, o in e)


def test_money_for_a_period_pays_for_no_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Commission made EUR 2 billion available under the BMVI for the period 2028-2034.")
    assert not measures(ex)


def test_turned_people_into_weapons(pipeline) -> None:  # type: ignore[no-untyped-def]
    e = edges(run(pipeline, "Minsk has turned people into a weapon against Lithuania. The guards turned the car into a checkpoint."))
    assert ("Belarus", "instrumentalises", "migrants") in e


def test_groups_of_states_are_actors(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Nordic countries agreed to share surveillance data. Officials from the Baltic states met in Riga.")
    assert {"Nordic countries", "Baltic states"} <= actors(ex)


def test_nominalised_act_with_its_doer(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The closure of the crossing points by Norway in 2023 was criticised. "
                       "The declaration of a state of emergency by Latvia followed. "
                       "The adoption of the Screening Regulation by the Council was welcomed. "
                       "The suspension of applications by asylum seekers was reported.")
    e = edges(ex)
    assert ("Norway", "adopts", "closure of the crossing points") in e
    assert ("Latvia", "adopts", "declaration of a state of emergency") in e
    assert ("Council of the European Union", "adopts", "Screening Regulation") in e
    assert not any(s == "asylum seekers" for s, _, _ in e)


def test_thanked_for_support_and_avoided_are_no_measures(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Latvian government thanked Poland for its assistance. Estonia has so far avoided open conflict with Brussels.")
    assert not measures(ex)
    assert ("Poland", "supports", "Government of Latvia") in edges(ex)


def test_could_lead_to_refoulement_restricts_non_refoulement(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Lithuania adopted a law that allows border guards to turn back migrants. "
                       "Amnesty warned that the law could lead to refoulement and called on Lithuania to ensure access to asylum.")
    e = edges(ex)
    assert any(p == "restricts" and o == "non-refoulement" and s.startswith("law") for s, p, o in e)
    assert not any(m.startswith("lead") for m in measures(ex))
    assert not any(p == "must-respect" and s.startswith("lead") for s, p, _ in e)


def test_bare_parliament_in_a_national_text_is_the_national_parliament(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Finland has closed its border with Russia. Parliament adopted amendments to the Border Guard Act on Friday.")
    assert "European Parliament" not in actors(ex)
    assert any(s == "Eduskunta" and p == "adopts" for s, p, _ in edges(ex))
    ex = run(pipeline, "The European Parliament debated the situation in Finland. Parliament will vote on a resolution in May.")
    assert "European Parliament" in actors(ex) and "Eduskunta" not in actors(ex)


def test_acts_carried_out_by_an_actor_and_claims_about_protecting_actors(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, '"Frontline states are protecting the whole Union," he said. '
                       "An MEP warned that the pushbacks carried out by Latvian border guards violate the principle of non-refoulement.")
    e = edges(ex)
    assert not any(m.startswith("protecting") for m in measures(ex))
    assert any(p == "adopts" and o == "pushbacks" for _, p, o in e)
    assert ("pushbacks", "restricts", "non-refoulement") in e


def test_called_on_to_fund_from_a_budget_is_a_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The EPP group called on the Commission to fund border fences from the EU budget until the crisis is over.")
    assert "fund border fences from the EU budget" in measures(ex)


def test_criticised_for_an_act_gives_the_judged_actor_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Amnesty criticised the Lithuanian government for detaining asylum seekers at the border.")
    assert ("Government of Lithuania", "adopts", "detaining asylum seekers at the border") in edges(ex)


def test_dateline_state_foreign_ministry_and_short_court_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Luxembourg, 4 May 2023 — The Court of Justice of the European Union ruled on a Latvian law. The Court held that it breached EU law.\n"
                       "The Belarusian Foreign Ministry expressed its solidarity with Moscow.")
    a = actors(ex)
    assert "Luxembourg" not in a and "Court" not in a
    assert "Ministry of Foreign Affairs of Belarus" in a
    assert ("Ministry of Foreign Affairs of Belarus", "supports", "Russia") in edges(ex)


def test_a_purpose_infinitive_of_a_noun_is_no_decision(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Moscow said that Brussels was using migration as a pretext to impose new sanctions on Russia.")
    assert not any(p == "adopts" for _, p, _ in edges(ex))


def test_coordinated_past_verbs_are_each_a_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Since 2021 Lithuania has built a fence, deployed soldiers and carried out pushbacks into Belarus.")
    e = edges(ex)
    assert ("Lithuania", "adopts", "deployed soldiers") in e
    assert any(s == "Lithuania" and p == "adopts" and o.startswith("carried out pushbacks") for s, p, o in e)


def test_discussed_measure_is_proposed_without_a_proposer(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "EU interior ministers will discuss sanctions against shipping companies at their meeting next week.")
    ms = measures(ex)
    assert ms["sanctions against shipping companies"].status == "proposed"
    assert not any(p in ("adopts", "proposes") for _, p, _ in edges(ex))


def test_continuing_an_act_names_the_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Latvian State Border Guard will continue the construction of a fence on the border with Russia.")
    assert any(p == "adopts" and o == "construction of a fence on the border with Russia" for _, p, o in edges(ex))
    assert measures(ex)["construction of a fence on the border with Russia"].status == "planned"


def test_headline_subject_to_verb_is_planned(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia to close two crossing points on Belarus border\n\nRIGA — The government met on Tuesday.")
    assert measures(ex)["close two crossing points on Belarus border"].status == "planned"


def test_recipient_with_a_named_provider_and_deliberation_on_existing_acts(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Poland received EUR 10 million from the Commission for the repair of the fence. "
                       "The Council debated the law on Monday. The Commission considers the fence a national matter.")
    e = edges(ex)
    assert ("Poland", "adopts", "the repair of the fence") in e
    assert ("European Commission", "funds", "the repair of the fence") in e
    assert ("European Commission", "supports", "Poland") in e
    assert set(measures(ex)) == {"the repair of the fence"}


def test_recommended_that_x_do_y_is_called_for(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia extended the state of emergency. The Chancellor of Justice of Latvia recommended that the government amend the law.")
    assert measures(ex)["amend the law"].status == "called-for"
    assert not any(p == "adopts" and o == "amend the law" for _, p, o in edges(ex))


def test_criticised_for_turning_away_migrants_and_restated_adoption(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Ombudsman of Poland criticised the Border Guard for turning away migrants at the border. "
                       "The Council adopted a new regulation on screening. The adoption of the regulation by the Council was welcomed.")
    e = edges(ex)
    assert any(p == "adopts" and o.startswith("turning away migrants") for _, p, o in e)
    assert "regulation" not in measures(ex)


def test_adopted_regulation_is_labelled_by_its_object(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Council adopted a regulation on the screening of third-country nationals at the external borders.")
    assert any(p == "adopts" and o.startswith("regulation on the screening") for _, p, o in edges(ex))


def test_was_right_to_do_is_the_subjects_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Several MEPs argued that Latvia was right to close all crossing points. It is right to say that.")
    assert ("Latvia", "adopts", "close all crossing points") in edges(ex)
    assert set(measures(ex)) == {"close all crossing points"}


def test_solidarity_with_an_actor_is_support_not_the_principle(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Estonia expressed its full solidarity with Finland. Solidarity and respect for asylum law can go together.")
    assert ("Estonia", "supports", "Finland") in edges(ex)
    principles = [e for e in ex.entities if e.kind == "LegalPrinciple" and e.label == "solidarity"]
    assert len(principles) == 1 and "expressed" not in principles[0].evidence.sentence


def test_council_of_ministers_in_a_national_text_is_the_government(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Lithuania will keep two crossings closed. The Council of Ministers decided to extend the state of emergency.")
    assert "Council of the European Union" not in actors(ex)
    assert any(s == "Government of Lithuania" and p == "adopts" for s, p, _ in edges(ex))


def test_possessed_act_and_demanded_act_of_another_actor(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Norway's closure of the border has been criticised by the UNHCR. The EU demanded the closure of the airports by Belarus. "
                       "Critics called for the suspension of the pushbacks by Latvia.")
    e = edges(ex)
    assert ("Norway", "adopts", "closure of the border") in e
    assert measures(ex)["closure of the airports"].status == "called-for"
    assert not any(s == "European Union" and p == "adopts" for s, p, _ in e)
    assert "pushbacks" not in measures(ex)


def test_act_label_ends_before_the_governing_verbs_auxiliary(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The decision by Latvia to suspend asylum was condemned by NGOs.")
    assert "suspend asylum" in measures(ex)


def test_short_court_name_inside_the_full_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The European Court of Human Rights ruled against Latvia. The Court held that Latvia had breached the Convention.")
    assert "Court" not in actors(ex)


def test_the_agency_as_subject_of_an_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Frontex said it would review its work. The agency has deployed 40 officers to Latvia since 2022.")
    assert any(s == "Frontex" and p == "adopts" and o.startswith("deployed 40 officers") for s, p, o in edges(ex))


def test_adopted_amendments_with_a_time_phrase_before_their_clause(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Latvia's parliament adopted amendments last month that allow border guards to refuse entry to people who cross the border irregularly. "
                       "UNHCR warned that the new rules risk violating the principle of non-refoulement.")
    label = "amendments that allow border guards to refuse entry to people who cross the border irregularly"
    assert label in measures(ex)
    assert (label, "restricts", "non-refoulement") in edges(ex)


def test_a_court_order_to_pay_damages_is_no_measure_of_the_state(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The European Court of Human Rights ruled against Latvia. The court ordered Latvia to pay damages to the applicants. "
                       "The ECtHR ordered Poland to pay EUR 10,000 to each applicant.")
    assert not measures(ex)
    assert not any(e.kind == "Fund" for e in ex.entities)
    assert not any(p in ("adopts", "provided-by") for _, p, _ in edges(ex))


def test_council_of_ministers_of_the_eu_is_the_council(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Poland closed the border. The Council of Ministers of the EU adopted new sanctions against Belarus.")
    assert ("Council of the European Union", "adopts", "new sanctions against Belarus") in edges(ex)
    assert "Government of Poland" not in actors(ex)


def test_relative_clause_subject_is_the_noun_it_describes(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The report accuses Belarusian services, which transport migrants to the border, of endangering lives.")
    assert ("Belarus", "instrumentalises", "migrants") in edges(ex)


def test_the_agency_named_before_supports_the_state_it_deploys_staff_to(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Frontex said it would review its work. The agency has deployed 60 officers to the Latvian-Belarusian border.")
    assert ("Frontex", "supports", "Latvia") in edges(ex)
    assert not any(o == "Belarus" for _, p, o in edges(ex) if p == "supports")


def test_she_is_the_one_person_named_just_before(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Ylva Johansson, the EU Commissioner for Home Affairs, spoke in Brussels. She urged Frontex to increase its support to Lithuania.")
    assert ("Ylva Johansson", "proposes", "increase its support to Lithuania") in edges(ex)
    ex = run(pipeline, "Agne Bilotaite met Ylva Johansson. She urged the Commission to fund the fence.")
    assert not any(p == "proposes" for _, p, _ in edges(ex))


def test_suspending_or_derogating_from_a_right_is_a_measure_that_restricts_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Poland suspended the right to asylum at the border. Finland announced a derogation from the right to asylum in March.")
    e = edges(ex)
    assert ("Poland", "adopts", "suspended the right to asylum at the border") in e
    assert ("suspended the right to asylum at the border", "restricts", "right to asylum") in e
    assert ("derogation from the right to asylum", "restricts", "right to asylum") in e
    ex = run(pipeline, "Lithuania violated the principle of non-refoulement.")
    assert not measures(ex)


def test_participle_describes_the_act_not_its_of_phrase(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "NGOs criticised the suspension of asylum applications introduced by Poland. "
                       "The Sejm adopted a law that allows pushbacks. Lawyers criticised the suspension of asylum applications, introduced by the law.")
    assert ("Poland", "adopts", "suspension of asylum applications") in edges(ex)
    ex = run(pipeline, "UNHCR criticised the suspension of the measures adopted by the Council.")
    assert not measures(ex)


def test_it_after_a_courts_finding_is_the_court(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Court found that the authorities had failed to examine the risk. It ordered Lithuania to pay each applicant EUR 8,000.")
    assert not measures(ex) and not any(e.kind == "Fund" for e in ex.entities)


def test_what_a_rule_will_allow_is_permitted_and_chairing_is_no_measure(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The regulation will allow member states facing instrumentalisation to apply derogations from the asylum procedure. "
                       "Hungarian minister Sándor Pintér, who chaired the meeting, welcomed the agreement.")
    assert measures(ex)["derogations from the asylum procedure"].status == "permitted"
    assert not any(p == "adopts" for _, p, _ in edges(ex))


def test_some_members_of_an_institution_are_not_the_institution(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Left-wing MEPs asked the Commission to stop funding walls. Several MEPs condemned the pushbacks.")
    assert "European Parliament" not in actors(ex)
    ex = run(pipeline, "MEPs called on the Commission to stop funding walls.")
    assert ("European Parliament", "proposes", "stop funding walls") in edges(ex)


def test_publishing_a_report_is_no_measure_but_calling_for_one_is(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Frontex has published a report on the pushbacks.")
    assert not measures(ex)
    ex = run(pipeline, "The Parliament calls on the Commission to publish an annual report on the use of EU funds.")
    assert measures(ex)["publish an annual report on the use of EU funds"].status == "called-for"


def test_a_rejected_proposal_is_not_the_rejecters_and_a_vote_to_act_adopts(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "MEPs voted against the proposal to fund fences. The Commission rejected the proposal to fund walls.")
    assert not any(p in ("proposes", "adopts") for _, p, _ in edges(ex))
    ex = run(pipeline, "Lithuania's parliament voted on Tuesday to extend the state of emergency along the border with Belarus.")
    assert ("Seimas", "adopts", "extend the state of emergency along the border with Belarus") in edges(ex)


def test_person_names_shed_the_title_before_them_and_broken_names_are_none(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Commission today approved new support for the frontline states. Commissioner for Internal Affairs "
                       "and Migration Teodora Lindqvist said the money would arrive quickly. Minister of the Interior Jan Kowalski "
                       "welcomed it. The rapporteur, Kristjan Vaher (Committee on Budgets), asked for more detail.")
    names = actors(ex)
    assert {"Teodora Lindqvist", "Jan Kowalski"} <= names
    assert not any("Migration" in n or "(" in n for n in names), names
