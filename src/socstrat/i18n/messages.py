"""Diagnostic messages and the terms they use, in Bulgarian and English side by side.

A finding carries a key of :data:`MESSAGES` and its arguments; the catalog renders
it in either language (:func:`socstrat.i18n.catalog.message`). Arguments are data
(ids, numbers, quoted text), or terms given in both languages (:data:`TERMS`).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # references and numbering
    "R001": ("идентификаторът '{id}' е използван от {count} обекта; идентификаторите трябва да са уникални",
             "the id '{id}' is used by {count} entities; ids must be unique"),
    "R002": ("препраща към {kind} '{target}', която не съществува",
             "refers to {kind} '{target}', which does not exist"),
    "R002.level": ("посочва ниво '{target}', което strategy.yaml не декларира",
                   "names level '{target}', which strategy.yaml does not declare"),
    "R003.under": ("кодът '{code}' ({level}) се среща два пъти под '{parent}' (също '{other}')",
                   "{level} code '{code}' appears twice under '{parent}' (also '{other}')"),
    "R003.top": ("кодът '{code}' ({level}) се среща два пъти на най-горното ниво (също '{other}')",
                 "{level} code '{code}' appears twice at the top level (also '{other}')"),
    "R004": ("кодът '{code}' не продължава кода '{parent_code}' на родителя си ('{parent}')",
             "code '{code}' does not extend its parent's code '{parent_code}' ('{parent}')"),
    "R005.code": ("кодът '{code}' нарушава номерацията: очаква се {expected} след {previous}",
                  "code '{code}' breaks the numbering: expected {expected} after {previous}"),
    "R005.code.start": ("кодът '{code}' нарушава номерацията: очаква се {expected} в началото",
                        "code '{code}' breaks the numbering: expected {expected} after the start"),
    "R005.item": ("номерът '{code}' нарушава номерацията: очаква се {expected} след {previous}",
                  "item number '{code}' breaks the numbering: expected {expected} after {previous}"),
    "R005.item.start": ("номерът '{code}' нарушава номерацията: очаква се {expected} в началото",
                        "item number '{code}' breaks the numbering: expected {expected} after the start"),
    # arithmetic
    "A001.group": ("обявеният общ {field} ({phase}) на група '{group}' е {stated}, а редовете ѝ дават {computed}",
                   "declared {phase} {field} total of group '{group}' is {stated}, but its rows add up to {computed}"),
    "A001.table": ("обявеният общ {field} ({phase}) на таблицата е {stated}, а редовете ѝ дават {computed}",
                   "declared {phase} {field} total of the table is {stated}, but its rows add up to {computed}"),
    "A002": ("процент {value} е извън 0–100", "a percentage of {value} is outside 0–100"),
    "A003": ("'{label}' е {value}, а сборът на {parts}-те му части е {total}",
             "'{label}' is {value}, but its {parts} parts add up to {total}"),
    "A004": ("текстът посочва {printed}%, а '{part}' ({part_value}) е {computed}% от '{whole}' ({whole_value})",
             "the text prints {printed}%, but '{part}' ({part_value}) is {computed}% of '{whole}' ({whole_value})"),
    "A004.summed": ("текстът посочва {printed}%, а '{part}' ({part_value}) е {computed}% от '{whole}' ({whole_value}, сборът на частите му)",
                    "the text prints {printed}%, but '{part}' ({part_value}) is {computed}% of '{whole}' ({whole_value}, the sum of its parts)"),
    "A004.parts": ("делата на всички {parts} части на '{label}' дават {total}%, а не 100%",
                   "the shares of all {parts} parts of '{label}' add up to {total}%, not 100%"),
    # cross-table
    "X001": ("капацитетът на '{service}' през {year} е {stated} в таблицата за персонала, а {register} в регистъра на услугите",
             "capacity of '{service}' in {year} is {stated} in the staffing table but {register} in the service register"),
    "X002": ("текстът посочва капацитет {value} за '{service}', а регистърът има {register}",
             "the text states a capacity of {value} for '{service}', the register has {register}"),
    "X003": ("текстът казва {count}, а след това изброява {listed}", "the text says {count} but then lists {listed}"),
    "X004.key_indicator": ("целевата стойност '{target}' се различава от '{other_target}' на ключовия индикатор '{other}'",
                           "target '{target}' differs from '{other_target}' of key indicator '{other}'"),
    "X004.indicator": ("целевата стойност '{target}' се различава от '{other_target}' на индикатора '{other}'",
                       "target '{target}' differs from '{other_target}' of indicator '{other}'"),
    "X005": ("точката за мониторинг '{code}' измерва {level} '{node_code}' ('{node}')",
             "monitoring item '{code}' measures {level} '{node_code}' ('{node}')"),
    "X006": ("'{label}' е {here} тук, а {there} в '{other}' ({src})", "'{label}' is {here} here but {there} in '{other}' ({src})"),
    # lifecycle
    "L001": ("нова услуга има базов капацитет {value} през {year}", "a new service has a baseline capacity of {value} in {year}"),
    "L002": ("услуга със статус „{status}“ все още има капацитет {value} през {year}",
             "a {status} service still has a capacity of {value} in {year}"),
    "L002.successor": ("трансформирана услуга не посочва услугата, в която се превръща (status.successor)",
                       "a transformed service does not name the service it becomes (status.successor)"),
    "L003": ("началната година {year} е извън {start}–{end}", "start year {year} lies outside {start}–{end}"),
    "L004": ("периодът '{period}' свършва преди да започне", "the period '{period}' ends before it starts"),
    "L005": ("услугата е описана като налична, но има капацитет 0 през {year}",
             "the service is described as existing but has a capacity of 0 in {year}"),
    "L006": ("планове посочват {years}, след периода на стратегията {start}–{end}",
             "plans name {years}, after the strategy's period {start}–{end}"),
    "L006.stage": ("годините на етапа {from}–{to} са извън периода на стратегията {start}–{end}",
                   "stage years {from}–{to} lie outside the strategy's period {start}–{end}"),
    # carry-over
    "C001": ("споменава {names}, а това е стратегията на община {own}", "names {names}, but this is the strategy of община {own}"),
    "C002": ("планове посочват {years}, преди периода на стратегията {start}–{end}",
             "plans name {years}, before the strategy's period {start}–{end}"),
    "C003": ("индикаторът измерва '{scope}', а стратегията обхваща община {own}",
             "the indicator measures '{scope}', but the strategy covers община {own}"),
    # quality
    "Q001": ("{level} няма индикатор с източник и период на проверка",
             "{level} has no indicator with a source and a verification period"),
    "Q002": ("{level} '{code}' няма {child_level}", "{level} '{code}' has no {child_level}"),
    "Q003": ("качествен индикатор: не посочва число или целева стойност", "qualitative indicator: it names no number or target"),
    # meta
    "M001.unused": ("признаването на {rule} за '{entity}' не съответства на нито една находка; премахнете го",
                    "acknowledgement of {rule} for '{entity}' matches no finding; remove it"),
    "M001.unknown": ("признаването на {rule} за '{entity}' посочва правило, което socstrat няма; премахнете го",
                     "acknowledgement of {rule} for '{entity}' names no rule socstrat has; remove it"),
    "acknowledged": ("[прието: {reason}]", "[acknowledged: {reason}]"),
}

TERMS: dict[str, tuple[str, str]] = {
    "noun.service": ("услуга", "service"),
    "noun.node": ("елемент на рамката", "framework node"),
    "noun.objective": ("цел", "objective"),
    "noun.measure": ("мярка", "measure"),
    "noun.goal": ("главна цел", "goal"),
    "noun.indicator": ("индикатор", "indicator"),
    "noun.figure": ("числов показател", "figure"),
    "noun.level": ("ниво", "level"),
    "noun.stage": ("етап на изпълнение", "implementation stage"),
    "noun.baseline": ("базов", "baseline"),
    "noun.plan": ("планов", "plan"),
    "noun.capacity": ("капацитет", "capacity"),
    "noun.staff": ("персонал", "staff"),
    "status.closed": ("закрита", "closed"),
    "status.transformed": ("трансформирана", "transformed"),
}
