"""Amounts of money in text: "€170 million", "EUR 1.5 billion", "170 000 000 euros", "1,2 Mrd EUR", "forty million euros"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "usd": "USD", "us$": "USD", "dollar": "USD",
    "dollars": "USD", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "chf": "CHF", "sek": "SEK", "pln": "PLN",
    "zloty": "PLN", "zlotys": "PLN", "złoty": "PLN", "złotys": "PLN", "zł": "PLN", "nok": "NOK", "dkk": "DKK", "czk": "CZK", "huf": "HUF", "ron": "RON",
}
CURRENCY_CODES = frozenset(CURRENCIES.values())
SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "millions": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6, "mio": 10**6, "mio.": 10**6,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "b": 10**9, "mrd": 10**9, "mrd.": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12,
}
_CUR_PRE = r"(?P<pre>€|\$|£|US\$|EUR|USD|GBP|CHF|SEK|PLN|NOK|DKK|CZK|HUF|RON|zł)"
_CUR_POST = r"(?P<post>€|EUR|USD|GBP|CHF|SEK|PLN|NOK|DKK|CZK|HUF|RON|euros?|dollars?|pounds?|zlotys?|złotys?|zł)"
_NUM = r"(?P<num>\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SCALE = r"(?P<scale>thousand|millions?|billions?|trillion|mln|mn|bn|tn|Mrd\.?|Mio\.?|m|b|k)"
MONEY_PRE = re.compile(rf"(?<![\w.]){_CUR_PRE}\s?{_NUM}(?:\s?{_SCALE}(?![\w]))?(?:\s+(?:of\s+)?(?:euros?|dollars?))?", re.IGNORECASE)
MONEY_POST = re.compile(rf"(?<![\w.,]){_NUM}(?:\s?{_SCALE})?\s?(?:of\s+)?{_CUR_POST}(?![\w])", re.IGNORECASE)
UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                                        "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
_BELOW_HUNDRED = rf"(?:(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_UNIT})"
_WORDS = rf"(?P<words>(?:(?:{_UNIT}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_HUNDRED})?|{_BELOW_HUNDRED}))"
# "forty million euros", "one hundred and twenty million zlotys": a number written in words, with its scale
MONEY_WORDS = re.compile(rf"(?<![\w-]){_WORDS}\s+(?P<scale>thousand|million|billion)\s+(?:of\s+)?{_CUR_POST}(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Money:
    """An amount of money found at [start, end) of a string."""

    start: int
    end: int
    surface: str
    amount: str
    currency: str


def parse_number(num: str, scale: str | None) -> Decimal | None:
    """A number with thousands separators and decimal comma or point, times its scale word."""
    s = re.sub(r"[ \u00a0\u202f]", "", num)
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(",", ".")
    else:
        for sep in (",", "."):
            if sep in s:
                parts = s.split(sep)
                if len(parts) > 2 or len(parts[-1]) == 3:
                    s = "".join(parts)
                else:
                    s = parts[0] + "." + parts[1]
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    if scale:
        value *= SCALES[scale.lower()]
    return value


def words_number(words: str) -> int | None:
    """A number below a thousand written in words ('forty', 'forty-five', 'one hundred and twenty')."""
    total = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in UNITS:
            total += UNITS[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "a":
            total += 1
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word != "and":
            return None
    return total or None


def format_amount(value: Decimal) -> str:
    """A decimal as a plain string without exponent or trailing zeros ('170000000', '1.5')."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def find_money(text: str) -> list[Money]:
    """Every amount of money in a string."""
    out = []
    matches = sorted(list(MONEY_PRE.finditer(text)) + list(MONEY_POST.finditer(text)) + list(MONEY_WORDS.finditer(text)),
                     key=lambda m: (m.start(), -m.end()))
    last_end = -1
    for m in matches:
        if m.start() < last_end:
            continue
        groups = m.groupdict()
        cur = (groups.get("pre") or groups.get("post") or "").lower()
        code = CURRENCIES.get(cur)
        scale = m.group("scale")
        if scale and scale.lower() in ("m", "b", "k") and not groups.get("pre"):
            continue
        if groups.get("words"):
            number = words_number(m.group("words"))
            value = Decimal(number * SCALES[scale.lower()]) if number else None
        else:
            value = parse_number(m.group("num"), scale)
        if code is None or value is None:
            continue
        out.append(Money(m.start(), m.end(), m.group(0).strip(), format_amount(value), code))
        last_end = m.end()
    return out
