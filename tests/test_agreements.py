"""Agreement specs: both built-ins load, reference known actors, and reject bad input."""

from __future__ import annotations

import pytest

from truce.agreements.loader import AgreementBook, parse_agreement
from truce.errors import RegistryError, UnknownAgreement
from truce.registry.actors import ActorRegistry


def test_builtin_agreements_reference_registry_actors() -> None:
    book = AgreementBook.load()
    actors = ActorRegistry.load()
    assert {"gaza-2025", "lebanon-2024"} <= set(book.ids())
    for agreement in book:
        ids = [*agreement.parties, *agreement.mediators, *agreement.monitors]
        ids += [o for p in agreement.provisions for o in p.obliged]
        ids += [s.by for s in agreement.stand_off] + list(agreement.gatekeepers.values())
        assert all(i in actors for i in ids), [i for i in ids if i not in actors]
        assert all(p.id.startswith(agreement.id + ".") for p in agreement.provisions)


def test_gaza_aid_target_is_600_trucks_a_day() -> None:
    aid = AgreementBook.load().get("gaza-2025").provision("gaza-2025.aid")
    assert aid is not None and aid.target is not None
    assert (aid.target.measure, aid.target.value, aid.target.per) == ("trucks", 600, "day")
    assert aid.obliged == ("isr",)


def test_selectors_narrow_provisions_sharing_a_topic() -> None:
    gaza = AgreementBook.load().get("gaza-2025")
    fuel = gaza.provision("gaza-2025.fuel")
    assert fuel is not None and fuel.match is not None
    assert fuel.match.accepts("AID", set(), "Ten fuel tankers entered Gaza.")
    assert not fuel.match.accepts("AID", set(), "Ten flour trucks entered Gaza.")


def test_unknown_agreement_names_the_known_ones() -> None:
    with pytest.raises(UnknownAgreement, match="gaza-2025"):
        AgreementBook.load().get("nowhere")


def test_bad_spec_is_a_clear_error() -> None:
    with pytest.raises(RegistryError, match="unknown topic 'weather'"):
        parse_agreement({"id": "x", "name": "X", "effective": "2025-01-01",
                         "provisions": [{"id": "x.a", "topic": "weather"}]}, "x.yaml")
    with pytest.raises(RegistryError, match="missing field 'effective'"):
        parse_agreement({"id": "x", "name": "X"}, "x.yaml")
