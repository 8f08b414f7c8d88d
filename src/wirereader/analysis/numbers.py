"""Vocabulary of figures as regular-expression pieces: numbers, scales, currencies, units, dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeAlias

_Trie: TypeAlias = dict[str, "_Trie"]


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of a literal, as a set for membership tests."""
    return frozenset(words.split())


def alternation(words: str) -> str:
    """A regex alternation of whitespace-separated words, longest first so none shadows another."""
    return "|".join(sorted(set(words.split()), key=lambda w: (-len(w), w)))


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of words shaped as a trie, so the regex engine tries one branch per letter.

    Python's `re` tries the arms of a flat alternation one after another at every position;
    sharing prefixes makes a scan over many words several times faster.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_branch(root)


def _trie_branch(node: _Trie) -> str:
    arms = [re.escape(ch) + _trie_branch(child) for ch, child in sorted(node.items()) if ch]
    if not arms:
        return ""
    body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
    return f"(?:{body})?" if "" in node else body


_UNITS = "one two three four five six seven eight nine"
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
NUMBER_WORDS = f"{_UNITS} {_TEENS} {_TENS}"

WORD_NUMBER = (
    rf"(?i:(?:{alternation(_TENS)})(?:[-\s](?:{alternation(_UNITS)}))?"
    rf"|{alternation(_TEENS)}|{alternation(_UNITS)})\b"
)
"""one .. ninety-nine, in any letter case ("Two children")."""

DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
"""1,935.3 or 2.5 or 2024: thousands separated by commas, an optional decimal part."""

_SCALE_WORDS = "hundred thousand million billion trillion lakh crore dozen"
SCALE = (
    rf"(?:(?:\s+(?i:{alternation(_SCALE_WORDS)})\b)+"
    r"|\s?(?i:bn|mn|mln|bln|tn|trn)\b|(?:[mbkMBK])(?![\w'’]))"
)
"""`2 million`, `23.25 lakh crore`, `2.3bn`, `800m`: a scale after a number."""

CURRENCY_SIGN = r"[$€£¥₹₦₩₱₽₺₫₪₴₵৳฿]"
SIGN_PREFIX = r"(?<![\w$])(?:US|U\.S\.|HK|AU|A|CA|C|NZ|NT|S|R|MX|Z|J|GH)\s?$"
"""Letters that narrow a currency sign, just before it: `US$`, `HK$`, `A$`, `GH₵`."""

_CODES = (
    "USD EUR GBP JPY CNY RMB INR AUD CAD NZD HKD SGD CHF SEK NOK DKK PLN HUF CZK RUB UAH "
    "BRL MXN ARS CLP COP PEN ZAR NGN KES GHS EGP ETB TZS UGX MAD SAR AED QAR KWD ILS PKR "
    "LKR BDT IDR MYR THB VND KRW TWD"
)
CURRENCY_CODE = alternation(_CODES)
"""ISO 4217 codes common in news, written before or after an amount."""

CODE_PREFIX = rf"(?<![\w$])(?:(?:KSh|Ksh|Rs\.?|Rp|RM|Tk|Sh)\s?|(?:{CURRENCY_CODE})\s|R)$"
"""A currency written before the digits: `KSh 42.7 billion`, `AED 522.1 billion`, `R1.2 billion`."""

_CURRENCY_WORDS = (
    "dollar dollars euro euros yen yuan renminbi rupee rupees rupiah rouble roubles ruble rubles "
    "peso pesos reais naira shilling shillings franc francs lira liras lire krona kronor krone "
    "kroner krónur kronur koruna shekel shekels zloty zlotys forint forints ringgit baht "
    "dinar dinars dirham dirhams riyal riyals "
    "rial rials cedi cedis kwacha birr taka cent cents pence sterling hryvnia hryvnias tenge "
    "leu lei rand won pound pounds crown crowns"
)
CURRENCY_WORD = alternation(_CURRENCY_WORDS)
AMBIGUOUS_CURRENCY = frozenset({"rand", "won", "pound", "pounds", "crown", "crowns"})
"""Currency words that are also ordinary words: money only with a scale or a nationality."""

_LENGTH = r"(?:kilo|centi|milli)?met(?:re|er)s?|miles?|feet|foot|inch(?:es)?|yards?|light[- ]years?"
_AREA = (
    r"(?:square|sq\.?|cubic)\s+(?:km|kilomet(?:re|er)s?|met(?:re|er)s?|miles?|feet|ft)"
    r"|hectares?|acres?"
)
_MASS = r"kilo(?:gram)?s?|grams?|tonnes?|tons?|ounces?|pounds?"
_OTHER = (
    r"lit(?:re|er)s?|gallons?|barrels?|degrees(?:\s+(?:Celsius|Fahrenheit|C|F)\b)?|knots?"
    r"|(?:kilo|mega|giga|tera)?watts?(?:[- ]hours?)?|volts?|calories"
)
TIME_UNIT = r"years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century"
_ABBREVIATIONS = (
    r"km/h|km²|m²|kph|mph|km|kg|mg|cm|mm|m|lbs?|oz|ft|ha|ml|bpd|b/d|kWh|MWh|GWh|TWh"
    r"|kW|MW|GW|TW|GB|TB|MB|Mbps|Gbps|mAh|hrs|mins|secs"
)
UNIT = (
    rf"(?:°\s?[CF]?(?![\w])|(?<=\d)[CF](?!\w)|(?:{_ABBREVIATIONS})(?![\w/²])"
    rf"|(?:{_AREA}|{_LENGTH}|{_MASS}|{_OTHER}|{TIME_UNIT})\b)"
)
"""A unit of measure, abbreviated or spelled out, kept inside QUANTITY (`9 million bpd`)."""

_MONTHS = "January February March April May June July August September October November December"
_MONTH_ABBREVIATIONS = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
MONTH_NAME = alternation(_MONTHS)
MONTH_ABBREVIATION = alternation(_MONTH_ABBREVIATIONS)
MONTH = rf"(?:(?:{MONTH_NAME})\b|(?:{MONTH_ABBREVIATION})(?:\.|\b))"
WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d,.]\d|[\w%])"
YEAR = r"(?:1\d|20)\d{2}(?![\w%]|[.,]\d)"
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "twenty-first twenty-second"
)
ORDINAL_WORDS = alternation(_ORDINAL_WORDS)
CENTURY = r"[\s-]century\b"
