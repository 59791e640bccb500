"""Cookie and consent notices, follow-us lines and advertisements are page furniture in every format; article sentences stay."""

import pytest

from kg.ingest.furniture import blank_furniture

ARTICLE = "The Commission allocated EUR 45 million for surveillance on the border with Belarus."


@pytest.mark.parametrize("line", [
    "This site uses cookies. Visit our cookies policy page or click the link in any footer for more information.",
    "We use cookies to understand how our publications are read. Accept all | Manage preferences",
    "Accept all cookies    Accept only essential cookies",
    "Follow the Court on X @ECHR_CEDH",
    "Follow us on X @EUCouncilPress",
    "SPONSORED · Secure borders made simple: a free webinar by a consultancy. Register now.",
    "Advertisement: Border-tech procurement, explained in one afternoon",
    "Partner content | How drones watch the frontier",
])
def test_consent_and_follow_lines_are_blanked_and_the_article_kept(line: str) -> None:
    text = f"{line}\n{ARTICLE}\n"
    body = blank_furniture(text).body
    assert len(body) == len(text)
    assert body.strip() == ARTICLE


def test_a_sentence_about_sponsors_is_not_an_advertisement() -> None:
    line = "Sponsored by the Commission, the programme will finance radar masts on the border with Belarus."
    assert blank_furniture(f"{line}\n").body.strip() == line
