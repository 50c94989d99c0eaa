"""English verb forms for rendering a split clause as a sentence: 'emphasizing' → 'emphasized' / 'emphasizes'.

Only what a statement needs: the simple past, the third person singular present and the gerund of a lemma.
"""
from __future__ import annotations

IRREGULAR_PAST = {
    "arise": "arose", "be": "was", "bear": "bore", "beat": "beat", "become": "became", "begin": "began",
    "bend": "bent", "bid": "bid", "bind": "bound", "bite": "bit", "blow": "blew", "break": "broke", "bring": "brought",
    "build": "built", "burst": "burst", "buy": "bought", "cast": "cast", "catch": "caught", "choose": "chose",
    "cling": "clung", "come": "came", "cost": "cost", "creep": "crept", "cut": "cut", "deal": "dealt", "dig": "dug",
    "do": "did", "draw": "drew", "drink": "drank", "drive": "drove", "eat": "ate", "fall": "fell", "feed": "fed",
    "feel": "felt", "fight": "fought", "find": "found", "flee": "fled", "fly": "flew", "forbid": "forbade",
    "forecast": "forecast", "foresee": "foresaw", "forget": "forgot", "forgive": "forgave", "freeze": "froze",
    "get": "got", "give": "gave", "go": "went", "grind": "ground", "grow": "grew", "hang": "hung", "have": "had",
    "hear": "heard", "hide": "hid", "hit": "hit", "hold": "held", "hurt": "hurt", "keep": "kept", "know": "knew",
    "lay": "laid", "lead": "led", "leave": "left", "lend": "lent", "let": "let", "lie": "lay", "light": "lit",
    "lose": "lost", "make": "made", "mean": "meant", "meet": "met", "mislead": "misled", "overcome": "overcame",
    "oversee": "oversaw", "overtake": "overtook", "pay": "paid", "put": "put", "quit": "quit", "read": "read",
    "rebuild": "rebuilt", "rid": "rid", "ride": "rode", "ring": "rang", "rise": "rose", "run": "ran", "say": "said",
    "see": "saw", "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shake": "shook", "shed": "shed",
    "shine": "shone", "shoot": "shot", "show": "showed", "shut": "shut", "sing": "sang", "sink": "sank", "sit": "sat",
    "sleep": "slept", "slide": "slid", "speak": "spoke", "spend": "spent", "spin": "spun", "split": "split",
    "spread": "spread", "spring": "sprang", "stand": "stood", "steal": "stole", "stick": "stuck", "sting": "stung",
    "strike": "struck", "strive": "strove", "swear": "swore", "sweep": "swept", "swim": "swam", "swing": "swung",
    "take": "took", "teach": "taught", "tear": "tore", "tell": "told", "think": "thought", "throw": "threw",
    "undergo": "underwent", "understand": "understood", "undertake": "undertook", "upset": "upset", "wake": "woke",
    "wear": "wore", "win": "won", "withdraw": "withdrew", "withhold": "withheld", "write": "wrote",
}
# Verbs of two or more syllables stressed on the last, which double their final consonant.
DOUBLING = {"admit", "commit", "compel", "control", "expel", "occur", "omit", "patrol", "permit", "prefer",
            "propel", "rebel", "recur", "refer", "regret", "submit", "transfer", "transmit", "deter", "equip",
            "incur", "confer", "defer", "infer", "acquit", "outstrip", "repel", "dispel", "embed"}
VOWELS = set("aeiou")


def past(lemma: str) -> str:
    """The simple past of a verb lemma."""
    word = lemma.lower()
    if word in IRREGULAR_PAST:
        return IRREGULAR_PAST[word]
    if word.endswith("e"):
        return word + "d"
    if len(word) > 2 and word.endswith("y") and word[-2] not in VOWELS:
        return word[:-1] + "ied"
    if word in DOUBLING or _short_cvc(word):
        return word + word[-1] + "ed"
    if word.endswith("c") and word in ("panic", "picnic", "traffic", "mimic"):
        return word + "ked"
    return word + "ed"


def third_person(lemma: str) -> str:
    """The present tense with a singular subject: 'emphasize' → 'emphasizes', 'carry' → 'carries'."""
    word = lemma.lower()
    if word == "be":
        return "is"
    if word == "have":
        return "has"
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if len(word) > 2 and word.endswith("y") and word[-2] not in VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def gerund(lemma: str) -> str:
    """'shoot' → 'shooting', 'make' → 'making', 'stop' → 'stopping', 'die' → 'dying'."""
    word = lemma.lower()
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "oe", "ye")) and word != "be":
        return word[:-1] + "ing"
    if word in DOUBLING or _short_cvc(word):
        return word + word[-1] + "ing"
    return word + "ing"


def _short_cvc(word: str) -> bool:
    """One syllable ending consonant-vowel-consonant ('stop', 'plan', 'ban'), not in w, x or y."""
    if len(word) < 3 or word[-1] in VOWELS or word[-1] in "wxy" or word[-2] not in VOWELS or word[-3] in VOWELS:
        return False
    return sum(1 for i, ch in enumerate(word) if ch in VOWELS and (i == 0 or word[i - 1] not in VOWELS)) == 1
