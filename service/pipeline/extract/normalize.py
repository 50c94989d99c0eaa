"""Entity keys with aliases and transliteration folding, numbers, and dates resolved against publication."""
from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Optional

from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

ALIASES_FILE = Path(__file__).parent / "data" / "aliases.json"
NAME_SIMILARITY = 0.9


def fold(text: str) -> str:
    """Lower case, diacritics and quotes removed, spaces collapsed."""
    text = unidecode(text).lower()
    text = re.sub(r"[\"'`’‘“”«»]", "", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" .,;:-")


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    data = json.loads(ALIASES_FILE.read_text(encoding="utf-8"))
    table = {}
    for canonical, variants in data["aliases"].items():
        table[fold(canonical)] = fold(canonical)
        for variant in variants:
            table[fold(variant)] = fold(canonical)
    return table


def alias_version() -> str:
    return json.loads(ALIASES_FILE.read_text(encoding="utf-8"))["version"]


def entity_key(text: str) -> str:
    """The canonical key of an entity mention ("Türkiye" → "turkey", "Zapad-2025" → "west-2025")."""
    folded = fold(text)
    table = alias_table()
    if folded in table:
        return table[folded]
    tokens = folded.split()
    # "Belarusian leader Alexander Lukashenka" → try the trailing name words.
    for i in range(1, len(tokens)):
        tail = " ".join(tokens[i:])
        if tail in table:
            return table[tail]
    possessive = re.sub(r"s$", "", folded)
    if possessive in table:
        return table[possessive]
    return _transliterated_table().get(transliteration_key(folded), folded)


# Spelling variants of one sound across romanisation systems (Ukrainian, Russian, Belarusian, Arabic…),
# applied in order to a folded name; "Zelenskyy", "Zelenskiy" and "Zelensky" share the key "zelenski".
TRANSLITERATION = [
    (r"shch|sch", "sh"), (r"kh|ch(?=[^aeiou])", "h"), (r"tz|tc|ts", "c"), (r"zh|j(?=[aeiou])", "zh"),
    (r"(?<=[aeiou])y(?=[aeiou])", "i"), (r"ij|iy|yi|yy|ii|y", "i"), (r"ia\b", "ia"), (r"ya|ja", "ia"),
    (r"yu|ju", "iu"), (r"ye|je", "ie"), (r"ou", "u"), (r"w", "v"), (r"ck", "k"), (r"q", "k"),
    (r"ph", "f"), (r"x", "ks"), (r"'|-", ""), (r"(\w)\1", r"\1"),
]


def transliteration_key(name: str) -> str:
    key = fold(name)
    for pattern, replacement in TRANSLITERATION:
        key = re.sub(pattern, replacement, key)
    return key


@lru_cache(maxsize=1)
def _transliterated_table() -> dict[str, str]:
    return {transliteration_key(variant): canonical for variant, canonical in alias_table().items() if len(variant) > 4}


def full_name(key: str) -> bool:
    """Whether a person's entity key is a name of two words or more: the parse tags one-word company names as
    people ("Kenvue shareholders", "Kenvue CEO Kirk Perry"), so one word is no sure person."""
    return len(key.split()) > 1


def same_name(a: str, b: str) -> bool:
    """Whether two entity keys name the same thing, allowing transliteration variants."""
    if a == b:
        return True
    if len(a) > 4 and transliteration_key(a) == transliteration_key(b):
        return True
    ta, tb = a.split(), b.split()
    if ta and tb and (ta[-1] == tb[-1] or set(ta) <= set(tb) or set(tb) <= set(ta)):
        return True
    if _abbreviates(ta, tb) or _abbreviates(tb, ta):
        return True   # "USGS" is the "US Geological Survey"
    if bool(ta and tb) and _spelling_variants(transliteration_key(ta[-1]), transliteration_key(tb[-1])):
        return True
    return (len(ta) > 1 or len(tb) > 1) and _same_words_any_order(ta, tb)


ACRONYM_SKIP = {"the", "of", "and", "for", "on", "in", "&"}


def acronym(words: list[str]) -> str:
    """The initials of a name's words, a short word kept whole: "us geological survey" → "usgs"."""
    return "".join(w if len(w) <= 2 else w[0] for w in words if w not in ACRONYM_SKIP)


def _abbreviates(short: list[str], long: list[str]) -> bool:
    return len(short) == 1 and len(long) > 1 and short[0] == acronym(long)


def _same_words_any_order(ta: list[str], tb: list[str]) -> bool:
    """'Ramesh Vishwaskumar', 'Vishwashkumar Ramesh', 'Vishwash Kumar Ramesh' and 'Vishwaskumar': one name in
    another order, with a part split or left out, each word of the shorter matching a word (or two words run
    together) of the other."""
    shorter, longer = sorted((ta, tb), key=len)
    words = [transliteration_key(w) for w in longer]
    words += [a + b for a, b in zip(words, words[1:])]
    return all(any(_spelling_variants(transliteration_key(w), x) or transliteration_key(w) == x for x in words)
               for w in shorter)


def _spelling_variants(a: str, b: str) -> bool:
    """Two surnames spelled apart by a letter or two ("lukashenko", "lukashenka"), not two different words
    ("austria", "australia") or the masculine and feminine forms of one surname ("ivanov", "ivanova")."""
    if a == b:
        return len(a) > 4
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a[0] != b[0] or a + "a" == b or b + "a" == a:
        return False
    return JaroWinkler.similarity(a, b) >= NAME_SIMILARITY


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern, dict[str, str]]:
    data = json.loads(ALIASES_FILE.read_text(encoding="utf-8"))
    replacements = {}
    for canonical, variants in data["aliases"].items():
        for variant in variants:
            # Two-letter forms ("us", "un") are ordinary words in lower case; match them in capitals only.
            key = variant if len(variant) > 3 else variant.upper()
            replacements[key.lower() if len(variant) > 3 else key] = canonical.title()
    ordered = sorted(replacements, key=len, reverse=True)
    pattern = "|".join(re.escape(v) for v in ordered)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])|(?i:(?<![\w-])(?:{'|'.join(re.escape(v) for v in ordered if v.islower())})(?![\w-]))"), replacements


def canonical_text(text: str) -> str:
    """Text with known aliases replaced by their canonical names, for embedding ("Zapad-2025" → "West-2025")."""
    pattern, replacements = _alias_pattern()

    def swap(match: re.Match) -> str:
        found = match.group(0)
        return replacements.get(found, replacements.get(found.lower(), found))
    return pattern.sub(swap, text)


# Verbs news copy uses for one event ("the exercises launched" = "began"), each mapped to one key. Only
# near-synonyms in reporting use; a verb not listed is its own key.
EVENT_SYNONYMS = {"launch": "begin", "start": "begin", "commence": "begin", "kick": "begin",
                  "break out": "begin", "erupt": "begin",   # "the fire broke out" = "erupted" = "began"
                  "finish": "end", "conclude": "end", "wrap": "end",
                  "fin": "fine",   # the small model's lemma of "fined"
                  "free": "release", "detain": "arrest", "apprehend": "arrest", "decline": "refuse", "notify": "inform",
                  "perish": "die", "drown": "die",
                  "topple": "collapse", "scrap": "cancel", "axe": "cancel",
                  # phrasal verbs are keyed with their particle ("took down" = "shot down")
                  "take down": "shoot down", "bring down": "shoot down", "down": "shoot down",
                  "destroy": "shoot down", "neutralize": "shoot down", "neutralise": "shoot down",
                  "come into force": "take effect", "enter into force": "take effect", "go into force": "take effect"}


def event_key(lemma: str) -> str:
    """One key for near-synonymous event verbs: 'launch', 'start' and 'begin' all report a beginning."""
    return EVENT_SYNONYMS.get(lemma, lemma)


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
APPROXIMATE = {"about", "around", "nearly", "almost", "roughly", "approximately", "some", "over", "tens",
               "hundreds", "thousands", "dozens", "several", "many", "few", "under", "just", "estimated",
               "more than", "less than", "fewer than", "at least", "up to", "as many as", "close to"}


# Hedges that make a number a bound rather than a value: "more than 20" is any count above 20.
LOWER_BOUNDS = ("more than", "over", "above", "at least", "exceeding", "upwards of", "in excess of", "greater than",
                "no fewer than", "no less than", "a minimum of")
UPPER_BOUNDS = ("less than", "fewer than", "under", "below", "no more than")
# A stated maximum ("faces up to 10 years"): below it any value fits, but two maxima that differ disagree.
MAXIMA = ("up to", "at most", "as many as", "a maximum of")
JUST_BELOW = ("nearly", "almost", "close to", "just under", "just below", "just shy of")
EXACT_TOLERANCE = 0.005    # rounding: "1.2 million" vs "1,203,000"
ROUNDED_FROM = 10_000      # whole numbers below this are exact counts
ABOUT_TOLERANCE = 0.15     # "about 300", "some 300", "nearly 300"
CONVERTED_TOLERANCE = 0.05  # a rough figure's conversion in another unit, rounded: "about 170 km (105 miles)"


# The seriously injured, told after their number: "five of whom were seriously hurt", "including five seriously",
# "with five in a serious condition", "nine of those injured remain in critical condition".
SERIOUS = re.compile(r"^[^,;.]{0,50}?\b(?:(?:seriously|severely|critically|gravely|badly)\b(?!\s+(?:damaged|affected))|"
                     r"critical(?:ly)?\b|(?:serious|grave)\s+(?:condition|state|injur)|life[- ]threatening|"
                     r"fighting for (?:their|his|her) li(?:fe|ves))", re.IGNORECASE)


def own_words(after: str) -> str:
    """The words after a figure up to the next figure or an "including": what they say of people is said of them
    ("11 people treated for injuries and two in life-threatening conditions": "two" are the serious ones)."""
    cut = re.search(r"\b(?:\d|including\b|(?:" + "|".join(NUMBER_WORDS) + r")\b)", after, re.IGNORECASE)
    return after[:cut.start()] if cut else after


# Those treated for injuries are the injured: "11 people treated for injuries", "10 were taken to hospital".
TREATED = re.compile(r"^[^,;.]{0,30}?\b(?:treated for (?:\w+\s+)?injur|taken to (?:a\s+|the\s+)?hospital|"
                     r"hospitali[sz]ed)", re.IGNORECASE)


def number_bound(words_before: list[str]) -> str:
    """How the hedge just before a number bounds it: "lower", "upper", "maximum", "nearly", "about" or "" (a plain
    value).

    The hedge nearest the number wins ("averaged over less than 295" is an upper bound)."""
    text = " " + " ".join(w.lower() for w in words_before) + " "
    found = [(m.end(), kind) for kind, hedges in (("nearly", JUST_BELOW), ("lower", LOWER_BOUNDS),
                                                  ("upper", UPPER_BOUNDS), ("maximum", MAXIMA),
                                                  ("about", APPROXIMATE))
             for h in hedges for m in re.finditer(rf"(?<=\s){re.escape(h)}(?=\s)", text)]
    return max(found, key=lambda f: f[0])[1] if found else ""


def number_interval(value: float, bound: str) -> tuple[float, float]:
    """The values a mention allows: a plain number up to rounding, "about" ±15 %, a rough figure's conversion ±5 %,
    a bound open on one side.

    A whole number under ROUNDED_FROM is a count as written ("230 passengers" is not "232"); larger or
    fractional figures may be rounded ("1.2 million" vs "1,203,000")."""
    exact = 0.5 if value == int(value) and abs(value) < ROUNDED_FROM else EXACT_TOLERANCE * max(abs(value), 1.0)
    about = ABOUT_TOLERANCE * max(abs(value), 1.0)
    converted = CONVERTED_TOLERANCE * max(abs(value), 1.0)
    return {"": (value - exact, value + exact), "about": (value - about, value + about),
            "converted": (value - converted, value + converted),
            "lower": (value - exact, math.inf), "upper": (-math.inf, value + exact),
            "maximum": (-math.inf, value + exact),
            "nearly": (value - about, value + exact)}.get(bound, (value - about, value + about))


def quantities_conflict(value_a: float, bound_a: str, value_b: float, bound_b: str) -> bool:
    """Two mentions of one count conflict when no value satisfies both ("more than 20" and "35" do not)."""
    if bound_a == bound_b == "maximum":
        bound_a = bound_b = ""   # two stated maxima: one is wrong unless they are the same figure
    low_a, high_a = number_interval(value_a, bound_a)
    low_b, high_b = number_interval(value_b, bound_b)
    return high_a <= low_b or high_b <= low_a


def is_approximate(words_before: list[str]) -> bool:
    """Whether the words just before a number hedge it ('more than 10', 'up to 300', 'about 5')."""
    text = " ".join(w.lower() for w in words_before)
    return any(re.search(rf"(^|\s){re.escape(h)}(\s|$)", text) for h in APPROXIMATE)


def parse_number(text: str) -> Optional[float]:
    """'52' → 52, '1,200' → 1200, '2.700' → 2700, '2.5 million' → 2.5e6, 'two' → 2; None if it is not a number."""
    words = re.sub(r"[^\w\s.-]", " ", fold(text).replace(",", "")).split()
    if not words:
        return None
    value, scale = None, 1.0
    scaled = any(w in SCALES for w in words)
    for word in words:
        if not scaled and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", word):
            word = word.replace(".", "")   # "some 2.700 were injured": a point between thousands, as in European copy
        if re.fullmatch(r"\d+(\.\d+)?", word):
            value = float(word) if value is None else value + float(word)
        elif word in NUMBER_WORDS:
            n = NUMBER_WORDS[word]
            value = n if value is None else (value * n if n == 100 else value + n)
        elif word in SCALES:
            scale *= SCALES[word]
        elif "-" in word and all(p in NUMBER_WORDS for p in word.split("-")):
            value = sum(NUMBER_WORDS[p] for p in word.split("-"))
    return None if value is None else value * scale


CURRENCIES = {"$": "usd", "us$": "usd", "dollar": "usd", "usd": "usd", "€": "eur", "euro": "eur", "eur": "eur",
              "£": "gbp", "pound": "gbp", "gbp": "gbp", "¥": "jpy", "yen": "jpy", "₴": "uah", "hryvnia": "uah",
              "uah": "uah", "₽": "rub", "rouble": "rub", "ruble": "rub", "rub": "rub", "yuan": "cny", "franc": "chf"}
CURRENCY_SYMBOL = re.compile(r"us\$|[$€£¥₴₽]")
UNITS = {"km": "kilometre", "kilometer": "kilometre", "kms": "kilometre", "mile": "mile", "m": "metre",
         "ft": "foot", "feet": "foot", "foot": "foot",
         "meter": "metre", "kg": "kilogram", "kilo": "kilogram", "t": "tonne", "ton": "tonne", "tons": "tonne",
         "percent": "percent", "per cent": "percent", "%": "percent", "hectare": "hectare", "ha": "hectare",
         "litre": "litre", "liter": "litre", "l": "litre", "barrel": "barrel", "bpd": "barrel per day",
         # nouns outlets use for one counted thing
         "house": "home", "dwelling": "home", "coach": "carriage", "compartment": "carriage", "bogie": "carriage",
         "person": "people", "persons": "people", "individual": "people", "resident": "people",
         "inhabitant": "people"}


# Measures, which outlets round where they do not round counts.
MEASURES = {"kilometre", "mile", "metre", "foot", "kilogram", "tonne", "hectare", "litre", "barrel", "mph", "kph"}
# Measures told in other units are compared in one: "up to 150ft" is at most 45.7 metres.
CONVERSIONS = {"foot": ("metre", 0.3048), "mile": ("kilometre", 1.609344)}


SPEED = re.compile(r"\b(?P<unit>miles?|kilomet(?:er|re)s?|km)(?:[- ]per[- ]hour|[- ]an[- ]hour|/h)\b|\b(?P<short>mph|kph|kmh|km/h)\b")


def unit_of(label: str, text: str, noun: str = "") -> str:
    """The unit of a number mention: a currency code for money, "percent", a speed, or the normalised measure noun."""
    lowered = text.lower()
    speed = SPEED.search(lowered)
    if speed:
        return "mph" if (speed.group("unit") or speed.group("short")).startswith(("mile", "mph")) else "kph"
    if label == "PERCENT" or "%" in text or re.search(r"\bper ?cent\b", lowered):
        return "percent"   # "15 per cent", which the small model tags as money
    if label == "MONEY":
        symbol = CURRENCY_SYMBOL.search(lowered)
        if symbol:
            return CURRENCIES[symbol.group(0)]
        word = next((CURRENCIES[w.rstrip("s")] for w in re.findall(r"[a-z]+", lowered) if w.rstrip("s") in CURRENCIES), "")
        return word or "money"
    word = (noun or (re.findall(r"[a-z]+", lowered) or [""])[-1]).lower()
    if noun and (word in CURRENCIES or word.rstrip("s") in CURRENCIES):
        return CURRENCIES.get(word, CURRENCIES.get(word.rstrip("s")))   # "5 million euros" counts euros
    if word in UNITS:
        return UNITS[word]
    return UNITS.get(word.rstrip("s"), word.rstrip("s") if word.endswith("s") and len(word) > 3 else word)


def numbers_conflict(a: float, b: float, approximate: bool) -> bool:
    tolerance = 0.15 if approximate else 0.005
    return abs(a - b) > tolerance * max(abs(a), abs(b), 1.0)


DATE_SETTINGS_BASE = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False, "STRICT_PARSING": False,
                      "REQUIRE_PARTS": []}
FUZZY_DATE = re.compile(r"\b(last|next|this|past|coming|recent|earlier|later|ago|week|weeks|years?|decades?|"
                        r"months?|century|since|until|by|near|future)\b", re.IGNORECASE)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")[a-z]*\b", re.IGNORECASE)
WEEKDAY = re.compile(r"\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\b", re.IGNORECASE)


# A part of a year ("the first quarter of 2027", "Q1 2027", "early 2026", "the second half of 2026") dates it to that
# year; a fiscal year ("the first quarter of fiscal 2027") is the company's own and no calendar year.
PART_OF_YEAR = re.compile(r"^(?:(?:in|by|from|until|during)\s+)?(?:the\s+)?(?:(?:first|second|third|fourth|final|last|"
                          r"1st|2nd|3rd|4th)\s+(?:quarter|half)|q[1-4]|h[12]|early|mid|late|(?:end|beginning|start|"
                          r"middle)(?:\s+of)?)[\s-]*(?:of\s+)?(?P<fiscal>(?:fiscal|financial)(?:\s+year)?\s+|fy\s*)?"
                          r"(?P<year>(?:19|20)\d{2})$", re.IGNORECASE)


# A year named from the publication's own: "earlier this year", "last year", "next year". ("last month" stays
# vague: a figure dated in another month than the story's is background, and "last month" is mostly recent context.)
CALENDAR_YEAR = re.compile(r"^(?:(?:in|since|during|by)\s+)?(?:(?:earlier|later)\s+)?(?P<which>this|last|next)\s+year$",
                           re.IGNORECASE)


# The last such month before publication: "last September" in a story of September 2025 is September 2024.
LAST_MONTH = re.compile(r"^(?:(?:in|since|during|by)\s+)?(?:only\s+)?(?:last|this past)\s+(?P<month>(?:"
                        + "|".join(MONTHS) + r")[a-z]*)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: Optional[date], past: bool = False) -> Optional[tuple[str, str]]:
    """A date mention as (iso, granularity), resolved against the publication date; None if vague. `past`: the
    event it dates is told as done ("took office in October"), so a month without its year is not a coming one."""
    import dateparser

    last = LAST_MONTH.match(text.strip())
    if last:
        if not published:
            return None
        month = MONTHS.index(last.group("month")[:3].lower()) + 1
        return f"{published.year - (month >= published.month)}-{month:02d}", "month"
    part = PART_OF_YEAR.match(text.strip())
    if part:
        return None if part.group("fiscal") else (part.group("year"), "year")
    calendar = CALENDAR_YEAR.match(text.strip())
    if calendar:
        step = {"this": 0, "last": -1, "next": 1}[calendar.group("which").lower()]
        return (str(published.year + step), "year") if published else None
    if FUZZY_DATE.search(text):
        return None
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", text) and MONTH.search(text)) or bool(WEEKDAY.search(text)) \
        or bool(re.search(r"\d{4}-\d{2}-\d{2}", text)) or bool(re.search(r"\b(today|yesterday)\b", text, re.I))
    has_month = bool(MONTH.search(text))
    has_year = bool(re.search(r"\b(1[89]|20)\d{2}\b", text))
    if not (has_day or has_month or has_year):
        return None
    relative = bool(re.search(r"\b(today|yesterday|tomorrow|tonight)\b", text, re.IGNORECASE))
    if (relative or not has_year) and not published:
        return None   # "September 10" with no publication date: no year to put it in
    base = datetime.combine(published, datetime.min.time()) if published else datetime(2000, 1, 1)
    cleaned = re.sub(r"^(on|in|at|since|from)\s+", "", text.strip(), flags=re.IGNORECASE)
    if WEEKDAY.search(cleaned) and not MONTH.search(cleaned):
        if not published:
            return None
        return _last_weekday(WEEKDAY.search(cleaned).group(0), published).isoformat(), "day"
    parsed = dateparser.parse(cleaned, settings={**DATE_SETTINGS_BASE, "RELATIVE_BASE": base},
                              languages=["en"])
    if parsed is None:
        return None
    if published and not has_year and has_month:
        parsed = _nearest_year(parsed, published, past)
    if has_day:
        return parsed.date().isoformat(), "day"
    if has_month:
        return parsed.strftime("%Y-%m"), "month"
    return parsed.strftime("%Y"), "year"


SOON_DAYS = 62   # a date without its year this soon after publication is coming, not a year past


def _nearest_year(parsed: datetime, published: date, past: bool = False) -> datetime:
    """'July 29' in a story of 28 July 2025 is the next day, not a year before, and 'in August' the coming month;
    'in March' in a story of September is the March before: a date without its year is the latest one on or before
    publication, unless the next one is only weeks away and the event is not told as done."""
    if past:
        leap_day = parsed.month == 2 and parsed.day == 29
        return parsed if parsed.date() <= published or leap_day else parsed.replace(year=parsed.year - 1)
    later = parsed.replace(year=parsed.year + 1) if not (parsed.month == 2 and parsed.day == 29) else parsed
    ahead = (later - datetime.combine(published, datetime.min.time())).days
    return later if 0 <= ahead <= SOON_DAYS else parsed


def _last_weekday(name: str, published: date) -> date:
    """'Friday' in a story published on Monday 15 September is Friday 12 September; the same day counts."""
    from dateutil.relativedelta import MO, TU, WE, TH, FR, SA, SU, relativedelta

    days = {"mo": MO, "tu": TU, "we": WE, "th": TH, "fr": FR, "sa": SA, "su": SU}
    return published + relativedelta(weekday=days[name[:2].lower()](-1))
