"""Pydantic models of a municipal social-services strategy, one module per file kind.

A strategy is a directory of YAML files; each file validates against one ``*File``
model (``FILE_MODELS``) and :class:`Strategy` joins them. Reading printed numbers
lives in :mod:`.values`, questions asked of a whole strategy in :mod:`.queries`, and
which fields refer to which entities in :mod:`.refs`.
"""

from pydantic import Field

from .acknowledgements import Acknowledgement, AcknowledgementsFile
from .base import (
    Adoption,
    CapacityChange,
    Count,
    Figure,
    Id,
    Indicator,
    ItemServices,
    Level,
    Model,
    Period,
    ShareOf,
    SourceDocument,
    Src,
    StatedCount,
    TargetReading,
    TextBlock,
    Year,
    empty_dict,
)
from .context import ContextFile, Swot
from .framework import FrameworkFile, Node
from .implementation import (
    Commission,
    CommunicationAction,
    ExpectedResults,
    ImplementationFile,
    MonitoringGroup,
    Role,
    Stage,
)
from .logframe import LogframeFile, LogframeRow
from .monitoring import (
    ActivityReport,
    Baseline,
    FigureReport,
    IndicatorReport,
    MonitoringFile,
    ServiceReport,
)
from .services import (
    CapacityPart,
    CapacityValue,
    PrintedNumber,
    Service,
    ServiceCategory,
    ServicesFile,
    ServiceStatus,
    StatusKind,
)
from .staffing import (
    StaffingFigures,
    StaffingFile,
    StaffingGroup,
    StaffingRow,
    StaffingTotals,
    StaffingValue,
)
from .strategy import KeyIndicator, PolicyDocument, StrategyFile


class Strategy(Model):
    """A whole strategy: one attribute per file of the strategy directory."""

    strategy: StrategyFile
    context: ContextFile = Field(default_factory=ContextFile)
    framework: FrameworkFile = Field(default_factory=lambda: FrameworkFile(nodes=[]))
    logframe: LogframeFile | None = None
    services: ServicesFile = Field(default_factory=lambda: ServicesFile(services=[]))
    staffing: StaffingFile | None = None
    implementation: ImplementationFile = Field(default_factory=ImplementationFile)
    acknowledgements: AcknowledgementsFile = Field(default_factory=AcknowledgementsFile)
    monitoring: dict[Year, MonitoringFile] = Field(
        default_factory=empty_dict, description="Monitoring files (monitoring/<YEAR>.yaml) by reporting year."
    )

    @property
    def illustrative(self) -> bool:
        """Whether any monitoring data is illustrative (made up), so every output must say so."""
        return any(m.illustrative for m in self.monitoring.values())


FILE_MODELS: dict[str, type[Model]] = {
    "strategy": StrategyFile,
    "context": ContextFile,
    "framework": FrameworkFile,
    "logframe": LogframeFile,
    "services": ServicesFile,
    "staffing": StaffingFile,
    "implementation": ImplementationFile,
    "acknowledgements": AcknowledgementsFile,
}
"""File stem → model of that file. ``strategy.yaml`` is required, the rest optional."""

MONITORING_DIR = "monitoring"
"""The subdirectory of a strategy that holds ``<YEAR>.yaml`` monitoring files (:class:`MonitoringFile`)."""

__all__ = [
    "FILE_MODELS",
    "MONITORING_DIR",
    "Acknowledgement",
    "AcknowledgementsFile",
    "ActivityReport",
    "Adoption",
    "Baseline",
    "CapacityChange",
    "CapacityPart",
    "CapacityValue",
    "Commission",
    "CommunicationAction",
    "ContextFile",
    "Count",
    "ExpectedResults",
    "Figure",
    "FigureReport",
    "FrameworkFile",
    "Id",
    "ImplementationFile",
    "Indicator",
    "IndicatorReport",
    "ItemServices",
    "KeyIndicator",
    "Level",
    "LogframeFile",
    "LogframeRow",
    "Model",
    "MonitoringFile",
    "MonitoringGroup",
    "Node",
    "Period",
    "PolicyDocument",
    "PrintedNumber",
    "Role",
    "Service",
    "ServiceCategory",
    "ServiceReport",
    "ServiceStatus",
    "ServicesFile",
    "ShareOf",
    "SourceDocument",
    "Src",
    "StaffingFigures",
    "StaffingFile",
    "StaffingGroup",
    "StaffingRow",
    "StaffingTotals",
    "StaffingValue",
    "Stage",
    "StatedCount",
    "StatusKind",
    "Strategy",
    "StrategyFile",
    "Swot",
    "TargetReading",
    "TextBlock",
    "Year",
]
