"""The GPMI statistics of a period, from the OCMW's export of its GPMI contracts, uploaded here.

The exchange's database cannot be the source: the statistics need what only the export holds (the
social worker, the signing and closing dates, the content of each project, the residence, the
evaluations). The files and the figures are not kept (the statistics belong to the OCMW): the
page shows the tables and the chart and carries the XLSX and the PNG itself, to download."""

from __future__ import annotations

import base64
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from ground import days, numbers
from ground.errors import InvalidValue
from ground.periods import ReversedPeriod
from tabular.problems import InvalidFiles
from web import cookie
from web.context import MEBIBYTE, pages_of
from web.forms import Problems, day, text, upload
from web.guards import PostedForm, SignedIn
from web.rendering import page, words
from web.words import Words

if TYPE_CHECKING:
    from gpmi_stats.period import Period

router = APIRouter()
PATH = "/statistics"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_FIELDS = ("versions", "evaluations", "columns")
"""The two exports, and the mapping file (TOML) of an export whose headers are other than the toolkit knows."""


def _data_uri(media_type: str, content: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode()}"


def _period(form: FormData, problems: Problems, t: Words) -> Period | None:
    """A year, or a first and a last day: ``gpmi_stats.period``'s rule, its problems by field."""
    from gpmi_stats.period import PeriodRefused, chosen_period

    year_text, year = text(form, "year"), None
    if year_text:
        try:
            year = days.year(year_text)
        except InvalidValue as wrong:
            problems.add("year", wrong.message(t.lang))
    first, last = (day(form, name, problems, t, required=False) for name in ("from", "to"))
    if problems:
        return None
    try:
        return chosen_period(year, first, last)
    except PeriodRefused as refused:
        problems.add("year", t("year_or_period" if refused.kind == "year_and_days" else "give_period"))
    except ReversedPeriod as reversed_days:
        problems.add("to", reversed_days.message(t.lang))
    return None


def _saved(upload_file: UploadFile, folder: Path, name: str) -> Path:
    path = folder / f"{name}{Path(upload_file.filename or '').suffix.lower()[:5]}"
    with path.open("wb") as target:
        while chunk := upload_file.file.read(MEBIBYTE):
            target.write(chunk)
    return path


def _renamed(sentence: str, shown: dict[str, str]) -> str:
    for temporary, name in shown.items():
        sentence = sentence.replace(temporary, name)
    return sentence


def _form_page(request: Request, form: FormData | None, problems: Problems, **shown: Any) -> Response:
    values = {name: text(form, name) if form else "" for name in ("year", "from", "to", "ocmw_name", "sheet")}
    if not values["ocmw_name"]:
        values["ocmw_name"] = pages_of(request).ocmw.name
    return page(
        request,
        "statistics.html",
        status_code=400 if problems else 200,
        values=values,
        problems=problems,
        sent=form is not None,
        **shown,
    )


@router.get(PATH)
def statistics_form(request: Request, account: SignedIn) -> Response:
    return _form_page(request, None, Problems())


@router.post(PATH)
def statistics(request: Request, account: SignedIn, form: PostedForm) -> Response:
    # The statistics (pandas, matplotlib) are loaded when first asked for, not at every start of the service.
    from gpmi_stats.chart import chart
    from gpmi_stats.figures import compute
    from gpmi_stats.inputs import load_inputs
    from gpmi_stats.render import folded_sentence
    from gpmi_stats.tables import figure_tables
    from gpmi_stats.workbook import workbook
    from tabular.choices import load_choices
    from tabular.reader import TableReader

    lang = cookie.language(request)
    t = words(lang)
    problems = Problems()
    chosen = _period(form, problems, t)
    files = {name: upload(form, name) for name in FILE_FIELDS}
    limit = pages_of(request).max_upload_bytes
    if files["versions"] is None:
        problems.add("versions", t("required"))
    for name, given in files.items():
        if given is not None and (given.size or 0) > limit:
            problems.add(name, t("file_too_large", numbers.file_size(limit, t.lang)))
    if problems or chosen is None or files["versions"] is None:
        return _form_page(request, form, problems)
    given_files = {name: given for name, given in files.items() if given is not None}
    with tempfile.TemporaryDirectory(prefix="ocmw-stats-") as folder:
        paths = {name: _saved(given, Path(folder), name) for name, given in given_files.items()}
        # The problems and warnings name the files as the user chose them, not the temporary copies.
        shown = {str(paths[name]): given.filename or name for name, given in given_files.items()}
        sheet = text(form, "sheet")
        try:
            reader = TableReader(load_choices((sheet,) if sheet else (), paths.get("columns")), show_progress=False)
            inputs = load_inputs(paths["versions"], paths.get("evaluations"), reader)
        except InvalidFiles as invalid:
            input_problems = [replace(p, file=_renamed(p.file, shown)).format() for p in invalid.problems]
            return _form_page(request, form, problems, input_problems=input_problems)
    warnings = [_renamed(warning, shown) for warning in inputs.said(lang)]
    figures = compute(inputs, chosen)
    ocmw_name = text(form, "ocmw_name") or pages_of(request).ocmw.name
    picture = chart(figures, lang, ocmw_name)
    stem = f"gpmi-{chosen.start:%Y%m%d}-{chosen.end:%Y%m%d}"
    return _form_page(
        request,
        form,
        problems,
        figures_tables=list(figure_tables(figures, lang)),
        folded=folded_sentence(figures, lang),
        warnings=warnings,
        chart_uri=_data_uri("image/png", picture),
        xlsx_uri=_data_uri(XLSX, workbook(figures, lang, ocmw_name)),
        file_stem=stem,
        title_period=f"{chosen.start:%d/%m/%Y} - {chosen.end:%d/%m/%Y}",
    )
