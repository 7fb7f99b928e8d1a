#!/usr/bin/env python3
"""Writes the Excel workbooks Midst's tests read, with openpyxl (another tool than Midst's own
writer): the sample staff, needs and outcomes with typed cells, and a workbook of edge cases.

Run once from the repository's root; the outputs are committed:

    python3 Tests/Fixtures/xlsx/make_fixtures.py

Each sample file's cells are typed as a coordinator's workbook would type them: dates as
dates, date-times as date-times, counts and scores as numbers, consent and yes/no columns as
booleans; an empty CSV field is an empty cell. Importing each workbook must give exactly the
database the CSV gives (Tests/midstTests/XLSXImportTests.swift).
"""
import csv
import datetime
import os

import openpyxl

ROOT = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(ROOT, "..", "..", "..", "SampleData")

INTEGERS = {"max_assignments", "placements", "slots", "priority"}
FLOATS = {"min_score"}
BOOLEANS = {"consent", "require_specialty"}
DATES = {"available_from", "available_to", "start", "end", "date"}
DATE_TIMES = {"updated_at"}


def typed(column, text):
    """The cell value for a CSV field: typed by its column, text when it does not parse."""
    if text == "":
        return None
    try:
        if column in INTEGERS:
            return int(text)
        if column in FLOATS:
            return float(text)
        if column in BOOLEANS and text.lower() in ("yes", "no", "true", "false"):
            return text.lower() in ("yes", "true")
        if column in DATES:
            return datetime.date.fromisoformat(text)
        if column in DATE_TIMES:
            return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        pass
    return text


def write_sample(name):
    with open(os.path.join(SAMPLE, name + ".csv"), newline="", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    header, records = rows[0], rows[1:]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = name.capitalize()
    sheet.append(header)
    for record in records:
        sheet.append([typed(column, field) for column, field in zip(header, record)])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    workbook.save(os.path.join(ROOT, name + ".xlsx"))


def write_edge_cases():
    """Outcomes on a second sheet named "Log", below two empty rows, with sparse rows and
    cells, a custom date format, a date-time, a date typed as text and a date serial typed as
    a plain number."""
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Notes"
    notes["A1"] = "Outcomes of the spring round"
    log = workbook.create_sheet("Log")
    log.append([])
    log.append([])
    log.append(["need_id", "staff_id", "outcome", "date"])
    log.append(["N023", "S0165", "no_response", datetime.date(2025, 8, 23)])
    log.append([])
    log.append(["N020", "S0033", "accepted", datetime.datetime(2025, 8, 30, 0, 0)])
    log["D6"].number_format = 'd" "mmmm" "yyyy'
    # A row whose last cell is left empty, then one written only in columns A and C.
    log.append(["N011", "S0002", "declined"])
    log["A9"] = "N012"
    log["C9"] = "accepted"
    # A date typed as text, and a number where a date belongs.
    log.append(["N013", "S0003", "accepted", "2025-09-01"])
    log.append(["N014", 4, "accepted", 45900])
    workbook.save(os.path.join(ROOT, "edge-cases.xlsx"))


def write_1904():
    """A date in the 1904 date system of old Mac workbooks."""
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.append(["need_id", "staff_id", "outcome", "date"])
    sheet.append(["N023", "S0165", "no_response", datetime.date(2025, 8, 23)])
    sheet["D2"].number_format = "yyyy-mm-dd"
    workbook.save(os.path.join(ROOT, "date1904.xlsx"))


if __name__ == "__main__":
    for name in ("staff", "needs", "outcomes"):
        write_sample(name)
    write_edge_cases()
    write_1904()
