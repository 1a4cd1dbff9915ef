"""The error family: every mistake a user can make is one of these, caught once in the CLI."""


class FactcheckError(Exception):
    """A user-facing error: printed as one line ``Error: ...`` and exit code 1."""


class IngestError(FactcheckError):
    """The source could not be read: missing, empty, binary, too large, unreachable."""


class SegmentError(FactcheckError):
    """The text could not be segmented."""


class ClaimsError(FactcheckError):
    """Claim extraction failed (for example, the bundled model file is damaged)."""


class SourcesError(FactcheckError):
    """A source registry file is invalid."""


class ChecklistError(FactcheckError):
    """A checklist file is invalid, or an expression in it is."""


class WorksheetError(FactcheckError):
    """A worksheet file is invalid, locked, or cannot be saved."""


class JournalWriteError(WorksheetError):
    """A change could not be written to the worksheet's journal (a full disk): it was not
    recorded; the changes before it were."""

    def __init__(self, message: str, unsaved: str | None = None) -> None:
        super().__init__(message)
        self.unsaved = unsaved
        """The text the reviewer typed for the change (a note, a conclusion, a reason), to be
        shown back rather than lost; None when there was none."""


class ReviewError(FactcheckError):
    """A review cannot proceed (for example, scripted answers do not fit the checklist)."""


class TeamError(FactcheckError):
    """Worksheets of several reviewers cannot be compared or merged (another article, ...)."""


class RenderError(FactcheckError):
    """A report cannot be rendered or written."""


class CaseError(FactcheckError):
    """A case folder cannot be read or written, or holds no usable articles."""


class FactchecksError(FactcheckError):
    """The known fact-checks database or a file to import into it cannot be used."""


class FactcheckWarning(UserWarning):
    """Something the user should know that did not stop the command: printed as ``Warning: ...``."""


class JournalWarning(FactcheckWarning):
    """A worksheet's journal held entries cut short by a failed write; they were left out."""


class IngestWarning(FactcheckWarning):
    """The source was read, but not exactly as it was written (for example, stray bytes)."""
