"""Errors raised by :mod:`tariff_core`.

Every error says what went wrong and what to do about it. The tree::

    TariffError
    ├── TariffDataError          a tariff data file is malformed (names the file and key path)
    ├── TariffNotInForceError    no tariff order covers the requested month
    ├── UnknownCategoryError     the category is neither a serial number nor a slug we know
    └── InvalidRequestError      the request cannot be billed as given
        └── MissingFigureError   a figure the category's bill needs was not given
"""

from __future__ import annotations


class TariffError(Exception):
    """Base class of every error raised by tariff_core."""


class TariffDataError(TariffError):
    """A tariff data file does not match the schema."""

    def __init__(self, file: str, key_path: str, problem: str) -> None:
        self.file = file
        self.key_path = key_path
        self.problem = problem
        where = f"{file}: {key_path}" if key_path else file
        super().__init__(f"{where}: {problem}")


class TariffNotInForceError(TariffError):
    """No tariff order in the data covers the requested month."""

    def __init__(self, month: str, earliest: str) -> None:
        self.month = month
        self.earliest = earliest
        super().__init__(
            f"no tariff order covers {month}: the earliest order in the data takes effect on "
            f"{earliest}; ask for {earliest[:7]} or later, or add that year's order as a data file"
        )


class UnknownCategoryError(TariffError):
    """The category is not one of the schedule's serial numbers or slugs."""

    def __init__(self, category: str, suggestions: list[str] | None = None) -> None:
        self.category = category
        self.suggestions = suggestions or []
        hint = (
            f"; did you mean {', '.join(self.suggestions)}?"
            if self.suggestions
            else "; run `python -m tariff_core categories` to list them"
        )
        super().__init__(f"unknown category {category!r}{hint}")


class InvalidRequestError(TariffError):
    """The bill request cannot be billed as given."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class MissingFigureError(InvalidRequestError):
    """A figure the category's bill needs was not given."""

    def __init__(self, category: str, field: str, what: str) -> None:
        self.category = category
        super().__init__(
            f"category {category} needs the {what} to be billed: give {field}",
            field=field,
        )
