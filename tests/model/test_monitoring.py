"""The monitoring model: not reported is None, never 0; merged and illustrative say what they must."""

from __future__ import annotations

import datetime

import pytest
from pydantic import ValidationError

from socstrat.model import MonitoringFile, TargetReading

HEAD = {"year": 2016, "reported": "2017-03-10", "reported_by": "ЗМО"}


def test_values_not_reported_are_none_not_zero() -> None:
    file = MonitoringFile.model_validate({**HEAD, "services": [{"service": "cop"}], "indicators": [{"indicator": "ki-1"}]})
    assert file.reported == datetime.date(2017, 3, 10)
    service = file.services[0]
    assert (service.places, service.users, service.staff, service.status) == (None, None, None, None)
    assert file.indicators[0].value is None
    assert file.illustrative is False


def test_merged_activity_names_its_target() -> None:
    with pytest.raises(ValidationError, match="merged_into"):
        MonitoringFile.model_validate({**HEAD, "activities": [{"activity": "a1", "status": "merged"}]})
    with pytest.raises(ValidationError, match="only for status 'merged'"):
        MonitoringFile.model_validate({**HEAD, "activities": [{"activity": "a1", "status": "done", "merged_into": "a2"}]})


def test_illustrative_file_says_so_in_words() -> None:
    with pytest.raises(ValidationError, match="illustrative_note"):
        MonitoringFile.model_validate({**HEAD, "illustrative": True})
    assert MonitoringFile.model_validate({**HEAD, "illustrative": True, "illustrative_note": "Измислени данни."}).illustrative


def test_unknown_status_and_keys_are_errors() -> None:
    with pytest.raises(ValidationError):
        MonitoringFile.model_validate({**HEAD, "services": [{"service": "cop", "status": "running"}]})
    with pytest.raises(ValidationError):
        MonitoringFile.model_validate({**HEAD, "servces": []})


def test_target_reading_shapes() -> None:
    assert TargetReading(comparison="at_least", value=30, unit="%").wants() == "increase"
    assert TargetReading(comparison="at_most", value=5).wants() == "decrease"
    assert TargetReading(comparison="range", low=10, high=20).wants() is None
    assert TargetReading(comparison="exactly", value=5, direction="decrease").wants() == "decrease"
    with pytest.raises(ValidationError, match="low"):
        TargetReading(comparison="range", value=10)
    with pytest.raises(ValidationError, match="above its end"):
        TargetReading(comparison="range", low=20, high=10)
    with pytest.raises(ValidationError, match="gives 'value'"):
        TargetReading(comparison="at_least", low=1, high=2)
