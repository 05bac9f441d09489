"""The abbreviations of Bulgarian social-services planning, as data, and the markup for them.

The list comes from the project glossary (``shared/GLOSSARY.md``) and from the
expansions the bundled documents give themselves (e.g. "Местна комисия за борба с
противообществените прояви ... (МКБППМН)"). An abbreviation that means different
things in different places (ДСП) keeps every meaning: the report shows them all
rather than guess. :data:`CAPITALISED_WORDS` lists all-capital tokens of the data
that are ordinary words or numerals, so that :func:`unexplained` can tell a new,
unexplained abbreviation from a heading printed in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict


class Abbreviation(BaseModel):
    """One abbreviation: its spellings in the data, Bulgarian expansions and English meanings."""

    model_config = ConfigDict(frozen=True)

    short: str
    expansions: tuple[str, ...]
    meanings_en: tuple[str, ...]
    variants: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.short, *self.variants)

    def title(self, lang: str) -> str:
        """The text of an ``<abbr title>``: every meaning, numbered when there are several."""
        if lang == "bg":
            return _numbered(self.expansions)
        return _numbered(tuple(f"{meaning} ({expansion})" for expansion, meaning in zip(self.expansions, self.meanings_en)))

    def meaning(self) -> str:
        """The English meanings, numbered when there are several."""
        return _numbered(self.meanings_en)


def _numbered(senses: tuple[str, ...]) -> str:
    if len(senses) == 1:
        return senses[0]
    return "; ".join(f"{i}) {sense}" for i, sense in enumerate(senses, 1))


def _a(short: str, expansion: str | tuple[str, ...], meaning: str | tuple[str, ...], *variants: str) -> Abbreviation:
    expansions = (expansion,) if isinstance(expansion, str) else expansion
    meanings = (meaning,) if isinstance(meaning, str) else meaning
    return Abbreviation(short=short, expansions=expansions, meanings_en=meanings, variants=variants)


ABBREVIATIONS: tuple[Abbreviation, ...] = (
    _a("АД", "акционерно дружество", "joint-stock company"),
    _a("АСП", "Агенция за социално подпомагане", "Social Assistance Agency"),
    _a("АХУ", "Агенция за хората с увреждания", "Agency for People with Disabilities"),
    _a("БФП", "безвъзмездна финансова помощ", "grant"),
    _a("БЦДИ", "Български център за джендър изследвания", "Bulgarian Gender Research Foundation (an NGO provider)"),
    _a("БЧК", "Български червен кръст", "Bulgarian Red Cross"),
    _a("ГД", "главна дирекция", "general directorate"),
    _a("ГРАО", "регистър на населението (Гражданска регистрация и административно обслужване)", "civil population register"),
    _a("ДБТ", "Дирекция „Бюро по труда“", "labour office"),
    _a("ДВД", "Дом за възрастни с деменция", "home for adults with dementia"),
    _a("ДВСУ", "Дом за възрастни със сетивни увреждания", "home for adults with sensory impairments"),
    _a("ДВХСН", "Дом за възрастни хора със сетивни нарушения", "home for adults with sensory impairments"),
    _a("ДГ", "детска градина", "kindergarten"),
    _a("ДДД", "делегирана от държавата дейност", "state-delegated activity, financed by the state budget per user"),
    _a("ДДЛРГ", "Дом за деца, лишени от родителска грижа", "home for children deprived of parental care"),
    _a("ДМСГД", "Дом за медико-социални грижи за деца", "medical-social care home for children (0–3)", "ДМСДГ"),
    _a("ДП", "Домашен помощник", "home helper"),
    _a(
        "ДСП",
        ("Домашен социален патронаж", "Дирекция „Социално подпомагане“"),
        ("home social patronage, a municipal home-care service", "the state Social Assistance Directorate"),
    ),
    _a("ДСХ", "Дом за стари хора", "home for elderly people (a specialised institution)"),
    _a("ДСХОЛ", "Дом за стари хора с отделение за лежащи", "home for elderly people with a bedridden ward"),
    _a("ДЦВХУ", "Дневен център за възрастни хора с увреждания", "day centre for adults with disabilities"),
    _a("ДЦДВУ", "Дневен център за деца и възрастни с увреждания", "day centre for children and adults with disabilities"),
    _a("ДЦДУ", "Дневен център за деца с увреждания", "day centre for children with disabilities"),
    _a("ДЦП", "детска церебрална парализа", "cerebral palsy"),
    _a("ДЦСХ", "Дневен център за стари хора", "day centre for elderly people"),
    _a("ЕС", "Европейски съюз", "European Union"),
    _a("ЕСФ", "Европейски социален фонд", "European Social Fund"),
    _a("ЗМО", "Звено за мониторинг и оценка", "monitoring and evaluation unit"),
    _a("ЗСП", "Закон за социално подпомагане", "Social Assistance Act"),
    _a("КМО", "Комисия за мониторинг и оценка", "monitoring and evaluation commission"),
    _a("КП", "комуникационна програма", "communication programme"),
    _a("ЛА", "Личен асистент", "personal assistant"),
    _a("МБАЛ", "многопрофилна болница за активно лечение", "general hospital for active treatment"),
    _a("МД", "местна дейност", "local activity, financed by the municipal budget (as a capacity: no number given)"),
    _a("МЗ", "Министерство на здравеопазването", "Ministry of Health"),
    _a(
        "МКБППМН",
        "Местна комисия за борба с противообществените прояви на малолетните и непълнолетните",
        "local commission against juvenile delinquency",
    ),
    _a("МОН", "Министерство на образованието и науката", "Ministry of Education and Science"),
    _a("МТСП", "Министерство на труда и социалната политика", "Ministry of Labour and Social Policy"),
    _a("НЖ", "Наблюдавано жилище", "supervised housing for young people leaving institutions", "HЖ"),
    _a("НОИ", "Национален осигурителен институт", "National Social Security Institute"),
    _a("НП", "национална програма", "national programme"),
    _a("НПО", "неправителствена организация", "non-governmental organisation"),
    _a(
        "НПСПОЗ",
        "Национална програма „От социални помощи към осигуряване на заетост“",
        "national programme 'From social assistance to employment'",
    ),
    _a("НСИ", "Национален статистически институт", "National Statistical Institute"),
    _a("НУ", "начално училище", "primary school"),
    _a("ОДЗ", "обединено детско заведение", "combined nursery and kindergarten"),
    _a("ОЗД", "Отдел „Закрила на детето“", "child protection department"),
    _a("ООН", "Организация на обединените нации", "United Nations"),
    _a("ОП", "оперативна програма", "EU operational programme"),
    _a("ОС", "Общински съвет", "municipal council"),
    _a("ОУ", "основно училище", "basic school"),
    _a("ПИЦ", "Превантивно-информационен център", "prevention and information centre"),
    _a("ППЗСП", "Правилник за прилагане на Закона за социално подпомагане", "regulations implementing the Social Assistance Act"),
    _a("ПР", "връзки с обществеността", "public relations", "PR"),
    _a("РДСП", "Регионална дирекция „Социално подпомагане“", "regional social assistance directorate"),
    _a("РИО", "Регионален инспекторат по образованието", "regional education inspectorate"),
    _a("РЧР", "Развитие на човешките ресурси", "Human Resources Development (an EU operational programme)"),
    _a("СА", "Социален асистент", "social assistant"),
    _a("СИ", "специализирана институция", "specialised institution"),
    _a("СИФ", "Социално инвестиционен фонд", "Social Investment Fund"),
    _a("СНЦ", "сдружение с нестопанска цел", "non-profit association"),
    _a("СОП", "специални образователни потребности", "special educational needs"),
    _a("СУ", "социални услуги", "social services"),
    _a("СУО", "социални услуги в общността", "community-based social services"),
    _a("СУОРТ", "социални услуги от резидентен тип", "residential social services"),
    _a("СУРТ", "социални услуги от резидентен тип", "residential social services"),
    _a("ТЕЛК", "Териториална експертна лекарска комисия", "medical expert commission that assesses disability"),
    _a("ТПК", "трудово-производителна кооперация", "labour-production cooperative"),
    _a("ХУСУ", "Отдел „Хора с увреждания и социални услуги“", "department for people with disabilities and social services"),
    _a("ЦНСТ", "Център за настаняване от семеен тип", "family-type placement centre (small, residential)"),
    _a(
        "ЦНСТДМУ",
        "Център за настаняване от семеен тип за деца и младежи с увреждания",
        "family-type placement centre for children and young people with disabilities",
    ),
    _a("ЦОП", "Център за обществена подкрепа", "community support centre for children and families"),
    _a("SWOT", "силни страни, слабости, възможности, заплахи", "strengths, weaknesses, opportunities, threats"),
    _a("хлв", "хиляди лева", "thousand leva"),
)

CAPITALISED_WORDS = frozenset(
    {
        "ЗА", "НА", "ИНСТИТУЦИИ", "КАЗАНЛЪК", "МОНИТОРИНГ", "ОБХВАТ", "ОБЩИНА", "ОБЩИНСКИ", "ОТГОВОРНИ", "ОЧАКВАНИ",
        "ПРЕДСЕДАТЕЛ", "РАЗВИТИЕ", "РЕЗУЛТАТИ", "РЕЗЮМЕ", "СОЦИАЛНИ", "СТРАТЕГИЯ", "СЪВЕТ", "УСЛУГИ", "ФИНАНСИРАНЕ",
    }
)
"""All-capital tokens of the data that are words of a heading, not abbreviations."""

TOKEN = re.compile(r"(?<![\w&])([^\W\d_]{2,})(?!\w)")
"""A standalone word. Letters glued to digits (project codes such as 2014BG05M9OP001) are not
one, nor are the letters of an escaped entity (``&lt;``)."""
ROMAN = re.compile(r"^[IVXLCІ]+$")
"""Roman numerals, also when typed with the Cyrillic І."""

_BY_SPELLING = {spelling: a for a in ABBREVIATIONS for spelling in a.spellings}
_SPELLING = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(s) for s in sorted(_BY_SPELLING, key=len, reverse=True) if re.fullmatch(r"[^\W\d_]{2,}", s)) + r")(?!\w)"
)
"""A known spelling standing as a whole :data:`TOKEN`: one regular expression finds them all, instead of a
dictionary lookup for every word of the text."""


def _tokens(text: str) -> Iterable[str]:
    return (m.group(1) for m in TOKEN.finditer(text))


def used_in(texts: Iterable[str], also: Iterable[str] = ()) -> list[Abbreviation]:
    """The abbreviations that occur in ``texts``, with the short forms ``also`` names, in the order of the list."""
    seen = {_BY_SPELLING[spelling].short for text in set(texts) for spelling in _spellings_in(text)} | set(also)
    return [a for a in ABBREVIATIONS if a.short in seen]


@lru_cache(maxsize=4096)
def _spellings_in(text: str) -> frozenset[str]:
    """The known spellings in one text, cached: a report repeats its texts, and a site builds it in two languages."""
    return frozenset(_SPELLING.findall(text))


def unexplained(texts: Iterable[str]) -> set[str]:
    """All-capital tokens of ``texts`` that are neither a known abbreviation nor a capitalised word."""
    return {
        token
        for text in texts
        for token in _tokens(text)
        if token.isupper()
        and token not in _BY_SPELLING
        and token not in CAPITALISED_WORDS
        and not ROMAN.match(token)
    }


def mark_abbreviations(text: object, lang: str = "bg") -> Markup:
    """Escape ``text`` for HTML, then wrap each known abbreviation in ``<abbr title>``.

    Escaping comes first, so nothing of the data is ever output unescaped; the
    abbreviations are letters only, so they cannot match inside an escaped entity.
    """
    if type(text) is str:
        return _marked(text, lang)
    if isinstance(text, Markup):
        return text
    if hasattr(text, "__html__"):
        return _mark_escaped(text.__html__(), lang)
    return _marked(str(text), lang)


@lru_cache(maxsize=4096)
def _marked(text: str, lang: str) -> Markup:
    """The marking of a text, cached by the text itself: a site's reports and plans repeat the same cells in every page and year."""
    return _mark_escaped(str(escape(text)), lang)


def _mark_escaped(escaped: str, lang: str) -> Markup:
    def wrap(match: re.Match[str]) -> str:
        return f'<abbr title="{escape(_BY_SPELLING[match.group(1)].title(lang))}">{match.group(1)}</abbr>'

    return Markup(_SPELLING.sub(wrap, escaped))
