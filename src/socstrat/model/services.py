"""``services.yaml``: the service register, and the cell forms of its printed numbers."""

from typing import Annotated, Literal, Union

from pydantic import Field

from .base import Count, Figure, Id, Model, ServiceRef, Src, Year, empty_dict, empty_list


class CapacityPart(Model):
    """One part of a split capacity, e.g. '25 – НП АХУ'."""

    value: Count = Field(description="Number of places in this part.")
    financing: str | None = Field(default=None, description="Financing of this part as printed, e.g. 'НП АХУ'.")
    label: str | None = Field(default=None, description="What this part is, where the source names it.")


class PrintedNumber(Model):
    """A number whose printed form is unusual ('.40'): the number and the print, both kept."""

    value: Count | None = Field(default=None, description="The number meant; null if it cannot be told.")
    printed: str = Field(description="The number exactly as printed, e.g. '.40'.")


CapacityValue = Annotated[
    Union[
        Count,
        Literal["МД", "-"],
        list[CapacityPart],
        PrintedNumber,
        None,
    ],
    Field(
        union_mode="left_to_right",
        description="A number; 'МД' (local activity, no number) or '-'; a list of parts; {value, printed}; or null for an empty cell.",
    ),
]
ServiceCategory = Literal[
    "specialised_institution", "residential", "community", "home_care", "club", "other"
]
StatusKind = Literal["existing", "new", "transformed", "closed", "planned"]


class ServiceStatus(Model):
    """The service's status and start year, as stated."""

    kind: StatusKind = Field(description="Whether the service exists, is new, transformed, closed or planned.")
    text: str | None = Field(default=None, description="The status column verbatim.")
    start_year: Year | None = Field(default=None, description="Year the service starts or started.")
    successor: ServiceRef | None = Field(default=None, description="Id of the service this one becomes.")
    predecessor: ServiceRef | None = Field(default=None, description="Id of the service this one replaces.")


class Service(Model):
    """An entry of the service register (Haskovo Section Г; Kazanlak §6)."""

    id: Id
    code: str | None = Field(default=None, description="Row number in the source table, as printed.")
    name: str = Field(description="Name of the service as printed.")
    category: ServiceCategory = Field(description="Kind of service.")
    target_groups: list[str] = Field(default_factory=empty_list, description="Target groups as printed.")
    territorial_scope: str | None = Field(default=None, description="Territory the service covers.")
    capacity: dict[Year, CapacityValue] = Field(default_factory=empty_dict, description="Places per year.")
    users: dict[Year, CapacityValue] = Field(default_factory=empty_dict, description="Users served per year, where the source counts users, not places.")
    staff: dict[Year, CapacityValue] = Field(default_factory=empty_dict, description="Staff per year, where the source states it in the service's own text.")
    content: list[str] = Field(default_factory=empty_list, description="What the service provides.")
    location: str | None = Field(default=None, description="Where the service is provided.")
    status: ServiceStatus | None = Field(default=None, description="Status of the service and its start year.")
    financing: list[str] = Field(default_factory=empty_list, description="Financing as printed, one source per entry.")
    provider: str | None = Field(default=None, description="Who provides the service.")
    notes: list[str] = Field(default_factory=empty_list, description="Further statements about the service, verbatim.")
    stated: list[Figure] = Field(
        default_factory=empty_list, description="Numbers that the service's own text (status, content) states, e.g. a capacity."
    )
    field_src: dict[str, Src] = Field(
        default_factory=empty_dict,
        description="Where a field's value comes from when it is not the place 'src' names, by field name, "
        "e.g. {provider: '§4.1, Дейност 2.3.2.5 (ред 350)'}.",
    )
    src: Src


class ServicesFile(Model):
    """``services.yaml``: the service register."""

    services: list[Service] = Field(description="Entries of the service register.")
