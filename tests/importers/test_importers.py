"""The UCDP GED and ACLED importers on small hand-written exports in each layout."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.contract.confirmations import fact_counts
from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.contract.loader import load_dataset
from dashboard.importers.cells import parse_days
from dashboard.importers.names import slug
from dashboard.importers.outdir import file_sha256
from dashboard.importers.ucdp import release_from_file_name

FIXTURES = Path(__file__).parent / "fixtures"
GED = FIXTURES / "GEDEvent_v24_1_sample.csv"
GED_HDX = FIXTURES / "ucdp_hdx_conflict_data_som.csv"
ACLED_2024 = FIXTURES / "acled_2024_layout.csv"
ACLED_2021 = FIXTURES / "acled_export_2021_layout.csv"
ACLED_HDX = FIXTURES / "acled_hdx_yemen.csv"


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    """Exit code, printed lines and the error text of one command."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def imported(tmp_path: Path, capsys, dataset: str, file: Path, *options: str):
    out = tmp_path / f"{dataset}-{file.stem}"
    code, lines, err = run(capsys, "import", dataset, str(file), "--out", str(out), *options)
    return code, lines, err, out


def events_of(out: Path) -> pd.DataFrame:
    return load_dataset(out).tables["events"].set_index("event_id")


def dates(event: pd.Series) -> tuple[str, str | None]:
    end = event["date_end"]
    return event["date_start"].date().isoformat(), None if pd.isna(end) else end.date().isoformat()


# --- UCDP GED ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ged(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ged") / "out"
    assert main(["import", "ucdp", str(GED), "--out", str(out)]) == 1
    return out


def test_ucdp_every_row_is_imported_or_reported_with_its_line(tmp_path: Path, capsys) -> None:
    code, lines, err, out = imported(tmp_path, capsys, "ucdp", GED)
    assert (code, err) == (1, "")
    assert lines == [
        "GEDEvent_v24_1_sample.csv:4: date_prec: date_prec 4 (known to within 8-30 days, or "
        "only the month) but date_start equals date_end: imported as the whole month around "
        "it (value: '4')",
        "GEDEvent_v24_1_sample.csv:7: low: low is above best; kept as given (value: '6')",
        "GEDEvent_v24_1_sample.csv:8: best: best is not a whole number of 0 or more; imported "
        "as unknown (empty) (value: '-1')",
        "GEDEvent_v24_1_sample.csv:9: date_start: date_start must be a date (YYYY-MM-DD, a "
        "time of day may follow); row not imported (value: '2019-02-30')",
        "GEDEvent_v24_1_sample.csv:10: latitude: latitude must be a number between -90 and "
        "90; row not imported (value: '135.95')",
        "GEDEvent_v24_1_sample.csv:12: id: the same id is already on line 2; this row is not "
        "imported (value: '244657')",
        "GEDEvent_v24_1_sample.csv:13: date_prec: date_prec 3 (only the week is known) but "
        "date_start equals date_end: imported as the whole week around it (value: '3')",
        "GEDEvent_v24_1_sample.csv:13: source_office: outlet 'reuters' is read as 'Reuters' "
        "(the same name apart from case, accents and punctuation): one outlet, reuters "
        "(value: 'reuters')",
        f"GEDEvent_v24_1_sample.csv: 12 rows: 9 imported, 0 outside the filters, 3 reported "
        f"and not imported, 5 warnings; wrote {out} (9 events, 14 parties, 24 sources)",
    ]
    assert len(events_of(out)) == 9


def test_ucdp_dates_follow_the_precision_codes(ged) -> None:
    events = events_of(ged)
    assert dates(events.loc["ucdp-244657"]) == ("2019-03-02", None)  # 1: the day
    assert dates(events.loc["ucdp-150021"]) == ("2015-09-28", "2015-10-01")  # 2: as given
    assert dates(events.loc["ucdp-198234"]) == ("2017-06-05", "2017-06-11")  # 3: the week
    assert dates(events.loc["ucdp-244811"]) == ("2019-08-19", "2019-08-25")  # 3, one day given
    assert dates(events.loc["ucdp-301122"]) == ("2020-05-01", "2020-05-31")  # 4, one day given
    assert dates(events.loc["ucdp-278810"]) == ("2021-01-01", "2021-12-31")  # 5: the year


def test_ucdp_places_fatalities_and_types(ged) -> None:
    events = events_of(ged)
    precision = events["location_precision"].to_dict()
    assert precision == {
        "ucdp-244657": "exact",  # where_prec 1
        "ucdp-198234": "area",  # 3: district
        "ucdp-301122": "area",  # 4: province
        "ucdp-150021": "near",  # 2: within 25 km
        "ucdp-278810": "country",  # 6
        "ucdp-266301": "area",  # 5: a road
        "ucdp-290004": "exact",
        "ucdp-330510": "area",  # 7: international waters
        "ucdp-244811": "exact",
    }
    figures = events[["fatalities", "fatalities_low", "fatalities_high"]].astype(object)
    figures = figures.where(figures.notna(), None)
    assert figures.loc["ucdp-244657"].tolist() == [7, 7, 9]
    assert figures.loc["ucdp-278810"].tolist() == [150, 150, 600]
    assert figures.loc["ucdp-266301"].tolist() == [4, 6, 9]  # low above best: kept as given
    assert figures.loc["ucdp-290004"].tolist() == [None, None, 12]  # -1 and empty: unknown
    types = events["event_type"].to_dict()
    assert types["ucdp-244657"] == types["ucdp-266301"] == "armed-clash"  # codes 1 and 2
    assert types["ucdp-198234"] == types["ucdp-301122"] == "attack-on-civilians"  # code 3
    assert set(events["verification"]) == {"reported"}
    assert events["quote"].isna().all()
    first = events.loc["ucdp-244657"]
    assert first["title"] == (
        "State-based armed conflict: Government of Somalia – Al-Shabaab, Afgooye town"
    )
    assert first["location"] == "Afgooye town"
    assert (first["latitude"], first["longitude"]) == (2.139722, 45.121111)
    assert first["description"].startswith(
        "Headline: Al-Shabaab attack on military base repulsed near Afgooye; Somali army says "
        "it repelled militant attack · Conflict: Somalia:Government · Deaths by side (UCDP): "
        "side A 2, side B 5, civilians 0, unknown 0 · Outlets: Garowe Online; Reuters"
    )


def test_ucdp_parties_have_names_slug_ids_and_roles(ged) -> None:
    tables = load_dataset(ged).tables
    parties = tables["parties"].set_index("party_id")
    assert parties.loc["government-of-somalia", ["name", "role"]].tolist() == [
        "Government of Somalia",
        "belligerent",
    ]
    assert parties.loc["al-shabaab", "role"] == "non-state-armed-group"
    assert parties.loc["civilians", "role"] == "third-party"  # one-sided violence
    assert parties.loc["government-of-ukraine", "role"] == "belligerent"  # interstate side_b
    assert parties.loc["jalisco-cartel-new-generation", "role"] == "non-state-armed-group"
    assert parties.loc["jama-atu-ahlis-sunna-lidda-awati-wal-jihad", "name"] == (
        "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"
    )
    events = tables["events"].set_index("event_id")
    assert events.loc["ucdp-198234", ["actor", "target"]].tolist() == ["is", "civilians"]


def test_ucdp_one_source_per_outlet_and_the_dataset_when_none_is_named(ged) -> None:
    tables = load_dataset(ged).tables
    sources = tables["sources"].set_index("source_id")
    outlets = {
        "afp",
        "bbc-monitoring",
        "daily-trust",
        "el-universal",
        "garowe-online",
        "pajhwok-afghan-news",
        "premium-times",
        "radio-okapi",
        "reuters",
        "syrian-observatory-for-human-rights",
        "ukrinform",
        "xinhua",
    }
    originals = {  # source_original: what the outlets relied on, as UCDP names it
        "original-afghan-officials",
        "original-civil-society",
        "original-fiscalia",
        "original-local-residents",
        "original-police",
        "original-residents",
        "original-russian-mod",
        "original-sohr",
        "original-somali-national-army",
        "original-taleban-spokesman",
        "original-ukrainian-navy",
    }
    assert set(sources.index) == outlets | originals | {"ucdp-ged"}
    assert sources.loc["reuters", "publisher"] == "Reuters"  # 'reuters' is the same outlet
    assert set(sources["reliability"]) == {"F"}
    events = tables["events"].set_index("event_id")
    assert events.loc["ucdp-244657", "source_id"] == "garowe-online"  # the first cited
    assert events.loc["ucdp-244811", "source_id"] == "reuters"
    assert events.loc["ucdp-278810", "source_id"] == "ucdp-ged"  # no outlet named
    assert (
        "Outlets: Pajhwok Afghan News; BBC Monitoring ·" in events.loc["ucdp-150021"]["description"]
    )  # an outlet repeated in the cell is cited once


def test_ucdp_descriptor_names_release_attribution_and_settings(ged) -> None:
    descriptor = json.loads((ged / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "UCDP Georeferenced Event Dataset (GED) 24.1"
    for words in ("release 24.1", "CC BY 4.0", "Sundberg", "Melander", "Davies", "reported"):
        assert words in descriptor["description"]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    settings = descriptor["dashboard:import"]
    assert settings["importer"] == "ucdp"
    assert settings["input"] == {
        "file": GED.name,
        "sha256": file_sha256(GED),
        "release": "24.1",
    }
    assert settings["filters"] == {"country": [], "from": None, "to": None}
    assert settings["rows"] == {"read": 12, "imported": 9, "outside_filters": 0, "reported": 3}
    assert [r["name"] for r in descriptor["resources"]] == [
        "sources",
        "parties",
        "events",
        "citations",
    ]


def test_ucdp_output_validates_with_its_warning_and_frictionless_accepts_it(ged, capsys) -> None:
    code, lines, _ = run(capsys, "validate", str(ged))
    assert code == 0
    assert (
        lines[0] == "events.csv:7: fatalities_low: fatalities_low is above fatalities (value: '6')"
    )
    assert lines[-1].endswith("4 tables, 65 rows kept, 0 rejected: 0 errors, 1 warnings")
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(ged / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_same_input_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert main(["import", "ucdp", str(GED), "--out", str(tmp_path / name)]) == 1
        assert main(["import", "acled", str(ACLED_2024), "--out", str(tmp_path / f"{name}2")]) == 1

    def files(name: str) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())}

    assert files("a") == files("b") and files("a2") == files("b2")
    written = {"datapackage.json", "events.csv", "parties.csv", "sources.csv", "citations.csv"}
    assert set(files("a")) == {*written, "import-report.csv", ".dashboard-import"}


def test_ucdp_filters_keep_countries_and_overlapping_dates(tmp_path: Path, capsys) -> None:
    options = ("--country", "somalia", "Syria", "--from", "2017-06-10", "--to", "2019-12-31")
    code, lines, _, out = imported(tmp_path, capsys, "ucdp", GED, *options)
    assert code == 1
    assert set(events_of(out).index) == {"ucdp-244657", "ucdp-198234", "ucdp-244811"}
    # the Syrian bad coordinate and the Somali bad date and duplicate are still reported;
    # the rows of other countries are left out whatever else is wrong with them
    reported = [line.split(":")[1] for line in lines[:-1]]
    assert reported == ["9", "10", "12", "13", "13"]  # 13: week widened, reuters merged
    assert "3 imported, 6 outside the filters, 3 reported" in lines[-1]
    settings = json.loads((out / "datapackage.json").read_text())["dashboard:import"]
    assert settings["filters"] == {
        "country": ["somalia", "Syria"],
        "from": "2017-06-10",
        "to": "2019-12-31",
    }
    assert json.loads((out / "datapackage.json").read_text())["title"].endswith(": somalia, Syria")


def test_ucdp_humanitarian_portal_export(tmp_path: Path, capsys) -> None:
    code, lines, _, out = imported(tmp_path, capsys, "ucdp", GED_HDX)
    assert code == 1
    assert lines[:2] == [
        "ucdp_hdx_conflict_data_som.csv:2: row of HXL #hashtags (humanitarian-portal export) "
        "skipped: it is not an event",
        "ucdp_hdx_conflict_data_som.csv:6: longitude: longitude must be a number between -180 "
        "and 180; row not imported (value: 'nan')",
    ]
    assert "4 rows: 3 imported, 0 outside the filters, 1 reported" in lines[2]
    events = events_of(out)
    assert dates(events.loc["ucdp-488101"]) == ("2023-05-01", None)  # date-times
    assert dates(events.loc["ucdp-488102"]) == ("2023-05-03", "2023-05-06")
    assert events.loc["ucdp-488102", "location_precision"] == "near"
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "UCDP Georeferenced Event Dataset (GED), release unknown"
    assert "release unknown" in descriptor["description"]
    assert descriptor["dashboard:import"]["input"]["release"] is None


@pytest.mark.parametrize(
    ("name", "release"),
    [
        ("GEDEvent_v24_1.csv", "24.1"),
        ("GEDEvent_v25_0_3.csv", "25.0.3"),
        ("ged231.csv", "23.1"),
        ("conflict_data_som.csv", None),
        ("ged_events.csv", None),
    ],
)
def test_release_comes_from_the_file_name_or_is_unknown(name: str, release: str | None) -> None:
    assert release_from_file_name(name) == release


def test_reliability_mapping_file_grades_outlets(tmp_path: Path, capsys) -> None:
    mapping = tmp_path / "grades.csv"
    mapping.write_text("publisher,reliability\nReuters,b\nAgence France-Presse,C\nAFP,C\n")
    code, _, _, out = imported(tmp_path, capsys, "ucdp", GED, "--reliability", str(mapping))
    assert code == 1
    grades = load_dataset(out).tables["sources"].set_index("source_id")["reliability"]
    assert (grades["reuters"], grades["afp"], grades["xinhua"]) == ("B", "C", "F")
    settings = json.loads((out / "datapackage.json").read_text())["dashboard:import"]
    assert settings["reliability"] == {"file": "grades.csv", "sha256": file_sha256(mapping)}


def test_bad_reliability_file_stops_the_import(tmp_path: Path, capsys) -> None:
    mapping = tmp_path / "grades.csv"
    mapping.write_text("publisher,reliability\nReuters,B\nXinhua,good\n")
    code, lines, err, out = imported(tmp_path, capsys, "ucdp", GED, "--reliability", str(mapping))
    assert (code, lines) == (2, [])
    assert err == (
        "error: grades.csv:3: reliability: must be one of A, B, C, D, E, F (value: 'GOOD')\n"
    )
    assert not out.exists()


# --- layouts and output folder -------------------------------------------------------------


def test_a_file_of_the_other_layout_is_named_with_its_missing_columns(
    tmp_path: Path, capsys
) -> None:
    code, lines, err, out = imported(tmp_path, capsys, "ucdp", ACLED_2024)
    assert (code, lines) == (2, [])
    assert err == (
        "error: acled_2024_layout.csv is not a UCDP GED export: it lacks the columns id, "
        "type_of_violence, conflict_name, side_a, side_b, source_office, source_headline, "
        "where_prec, where_description, date_prec, date_start, date_end, best, high, low "
        "(it looks like an ACLED export: use python -m dashboard import acled)\n"
    )
    assert not out.exists()


def test_a_file_of_neither_layout(tmp_path: Path, capsys) -> None:
    code, _, err, _ = imported(tmp_path, capsys, "acled", PROJECT_ROOT / "data" / "events.csv")
    assert code == 2
    assert err.startswith("error: events.csv is not an ACLED export: it lacks the columns ")
    assert "event_id_cnty, event_date, time_precision" in err and "looks like" not in err


def test_missing_file_and_busy_out_folder(tmp_path: Path, capsys) -> None:
    code, _, err, _ = imported(tmp_path, capsys, "ucdp", tmp_path / "nowhere.csv")
    assert code == 2 and err == "error: " + str(tmp_path / "nowhere.csv") + (
        ": cannot be read: No such file or directory\n"
    )
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    code, _, err = run(capsys, "import", "ucdp", str(GED), "--out", str(busy))
    assert code == 2 and "already holds files this command did not write (notes.txt)" in err
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]


def test_from_after_to_is_refused(tmp_path: Path, capsys) -> None:
    code, _, err, _ = imported(
        tmp_path, capsys, "acled", ACLED_2024, "--from", "2024-01-02", "--to", "2024-01-01"
    )
    assert (code, err) == (2, "error: --from 2024-01-02 is after --to 2024-01-01\n")


# --- ACLED ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def acled_2024(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("acled") / "out"
    assert main(["import", "acled", str(ACLED_2024), "--out", str(out)]) == 1
    return out


def test_acled_rows_reported_and_warned(tmp_path: Path, capsys) -> None:
    code, lines, _, _ = imported(tmp_path, capsys, "acled", ACLED_2024)
    assert code == 1
    assert [line.split(": ")[0:2] for line in lines[:-1]] == [
        ["acled_2024_layout.csv:7", "latitude"],
        ["acled_2024_layout.csv:8", "fatalities"],
        ["acled_2024_layout.csv:9", "sub_event_type"],
        ["acled_2024_layout.csv:10", "event_type"],
    ]
    assert "93.6290" in lines[0] and "Cyber attack" in lines[3]
    assert (
        "10 rows: 8 imported, 0 outside the filters, 2 reported and not imported, 2 warnings"
        in lines[-1]
    )


def test_acled_types_dates_and_places(acled_2024: Path) -> None:
    events = events_of(acled_2024)
    assert events["event_type"].to_dict() == {
        "acled-sdn31522": "air-strike",
        "acled-sdn31540": "shelling",
        "acled-sdn31561": "attack-on-civilians",
        "acled-sdn31570": "protest",
        "acled-sdn31580": "diplomatic",
        "acled-sdn31600": "armed-clash",
        "acled-sdn31611": "shelling",  # unknown sub-event: by its event type
        "acled-sdn31631": "bombing",
    }
    assert dates(events.loc["acled-sdn31522"]) == ("2023-05-01", None)  # time_precision 1
    assert dates(events.loc["acled-sdn31540"]) == ("2023-04-27", "2023-05-09")  # 2: week
    assert dates(events.loc["acled-sdn31561"]) == ("2023-05-01", "2023-05-31")  # 3: month
    assert events["location_precision"].to_dict() == {
        "acled-sdn31522": "exact",
        "acled-sdn31540": "near",
        "acled-sdn31561": "exact",
        "acled-sdn31570": "area",
        "acled-sdn31580": "country",  # geo_precision 3 and the location is the country
        "acled-sdn31600": "exact",
        "acled-sdn31611": "near",
        "acled-sdn31631": "exact",
    }
    assert events.loc["acled-sdn31522", "location"] == "Omdurman, Khartoum, Sudan"
    assert events.loc["acled-sdn31580", "location"] == "Sudan"


def test_acled_fatalities_are_the_single_figure(acled_2024: Path) -> None:
    events = events_of(acled_2024)
    assert events.loc["acled-sdn31522", "fatalities"] == 6
    assert events.loc["acled-sdn31540", "fatalities"] == 0  # ACLED's 0 is kept as 0
    assert pd.isna(events.loc["acled-sdn31600", "fatalities"])  # -2: unknown
    assert events[["fatalities_low", "fatalities_high"]].isna().all().all()


def test_acled_parties_roles_and_sources(acled_2024: Path) -> None:
    tables = load_dataset(acled_2024).tables
    roles = tables["parties"].set_index("party_id")["role"].to_dict()
    assert roles == {
        "civilians-sudan": "third-party",
        "military-forces-of-sudan-2019": "belligerent",  # State forces
        "protesters-sudan": "third-party",
        "rapid-support-forces": "non-state-armed-group",  # Political militia
        "unidentified-armed-group-sudan": "non-state-armed-group",
    }
    events = tables["events"].set_index("event_id")
    assert events.loc["acled-sdn31522", ["actor", "target"]].tolist() == [
        "military-forces-of-sudan-2019",
        "rapid-support-forces",
    ]
    assert pd.isna(events.loc["acled-sdn31570", "target"])
    assert events.loc["acled-sdn31522", "source_id"] == "sudan-tribune"
    assert events.loc["acled-sdn31631", "source_id"] == "acled"  # no source named
    assert set(tables["sources"]["source_id"]) == {
        "acled",
        "al-jazeera",
        "darfur24",
        "radio-dabanga",
        "reuters",
        "sudan-tribune",
    }
    assert "Outlets: Darfur24; Radio Dabanga ·" in events.loc["acled-sdn31561", "description"]


def test_acled_notes_kept_and_formula_text_safe_on_disk(acled_2024: Path) -> None:
    events = events_of(acled_2024)
    assert events.loc["acled-sdn31631", "description"].startswith(
        "=On 28 May 2023, a landmine killed two herders near Kassala. · Civilians targeted"
    )
    raw = (acled_2024 / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert b"\"'=On 28 May 2023" in raw


def test_acled_descriptor_attribution_terms_and_release(acled_2024: Path) -> None:
    descriptor = json.loads((acled_2024 / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "ACLED export"
    text = descriptor["description"]
    assert "data as of 2024-04-13 (the latest row timestamp)" in text
    assert "www.acleddata.com" in text and "forbid redistributing" in text
    assert descriptor["dashboard:import"]["input"]["release"] == "data as of 2024-04-13"


def test_acled_older_export_day_first_dates_and_numeric_codes(tmp_path: Path, capsys) -> None:
    code, lines, _, out = imported(tmp_path, capsys, "acled", ACLED_2021)
    assert code == 1
    assert lines[0] == (
        "acled_export_2021_layout.csv:4: event_date: event_date must be a date such as "
        "2023-05-01, 01 May 2023 or 1-May-23; row not imported (value: '31 February 2021')"
    )
    events = events_of(out)
    assert dates(events.loc["acled-nig19233"]) == ("2021-03-15", None)  # 15 March 2021
    assert dates(events.loc["acled-nig19240"]) == ("2021-02-23", "2021-03-07")  # 1-Mar-21, week
    assert dates(events.loc["acled-nig19270"]) == ("2021-04-01", "2021-04-30")  # 09 Apr, month
    assert events.loc["acled-nig19260", "event_type"] == "background"  # looting
    assert events.loc["acled-nig19280", "event_type"] == "protest"  # excessive force
    roles = load_dataset(out).tables["parties"].set_index("party_id")["role"]
    assert roles["police-forces-of-nigeria-2015-2023"] == "belligerent"  # inter 1
    assert roles["iswap-islamic-state-west-africa-province"] == "non-state-armed-group"  # 2
    assert roles["protesters-nigeria"] == "third-party"  # 6
    assert pd.isna(events.loc["acled-nig19260", "target"])  # inter2 0, no actor


def test_acled_humanitarian_portal_copy(tmp_path: Path, capsys) -> None:
    code, lines, _, out = imported(tmp_path, capsys, "acled", ACLED_HDX)
    assert code == 0
    assert lines[0].startswith("acled_hdx_yemen.csv:2: row of HXL #hashtags")
    events = events_of(out)
    assert events["event_type"].tolist() == ["bombing", "attack-on-civilians"]
    assert "With Civilians (Yemen): Women (Yemen)" in events.loc["acled-yem88120", "description"]
    assert main(["validate", str(out)]) == 0


# --- helpers -------------------------------------------------------------------------------


def test_parse_days_styles_and_no_rollover() -> None:
    values = pd.Series(
        [
            "2023-05-01",
            "2023-05-01 00:00:00.000",
            "2023-05-01T12:30:00Z",
            "01 May 2023",
            "1 May 2023",
            "1-May-23",
            "09 Apr 2021",
            "31 February 2021",
            "2023-02-30",
            "May 1, 2023",
            "",
        ],
        dtype="str",
    )
    parsed = parse_days(values, ("%d %B %Y", "%d %b %Y", "%d-%b-%y"))
    as_dates = [None if pd.isna(d) else d.date() for d in parsed]
    may_first = date(2023, 5, 1)
    assert as_dates == [may_first] * 6 + [date(2021, 4, 9), None, None, None, None]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Government of Côte d’Ivoire", "government-of-cote-d-ivoire"),
        ("Military Forces of Sudan (2019-)", "military-forces-of-sudan-2019"),
        ("ISWAP: Islamic State West Africa Province", "iswap-islamic-state-west-africa-province"),
        ("الشباب", "alshbab"),
        ("Бригада 5", "brigada-5"),
        ("Αθήνα", "athina"),
        ("ⴰⵎⴰⵣⵉⵖ", ""),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_the_benchmark_file_imports_and_validates(tmp_path: Path, capsys) -> None:
    from bench.bench_import import write_ged_like

    path = tmp_path / "GEDEvent_v24_1.csv"
    write_ged_like(path, 3_000, seed=2)
    code, lines, _, out = imported(tmp_path, capsys, "ucdp", path)
    assert code == 0  # every row imported; only low-above-best warnings
    assert {line.split(": ")[1] for line in lines[:-1]} == {"low"}
    assert "3,000 rows: 3,000 imported" in lines[-1]
    dataset = load_dataset(out)
    assert dataset.errors == [] and len(dataset.tables["events"]) == 3_000
    assert {p.rule for p in dataset.problems} == {"fatalities-order"}
    precision = dataset.tables["events"]["location_precision"]
    assert set(precision) == {"exact", "near", "area", "country"}


def test_a_row_the_csv_reader_cannot_split_is_reported(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "acled_broken.csv"
    lines = ACLED_HDX.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines, "YEM88130,2022-01-20,2022,too,few"]) + "\n")
    code, printed, _, out = imported(tmp_path, capsys, "acled", broken)
    assert code == 1
    assert printed[1].startswith(
        "acled_broken.csv:5: row has 5 fields but the header has 26; check for a missing "
        "or extra comma, or an unclosed quote"
    )
    assert "3 rows: 2 imported, 0 outside the filters, 1 reported" in printed[-1]
    assert len(events_of(out)) == 2


def test_ucdp_every_outlet_article_and_original_source_is_a_citation(ged) -> None:
    dataset = load_dataset(ged)
    citations = dataset.tables["citations"]
    assert set(citations["support"]) == {"reports"}
    of = citations[citations["row_id"] == "ucdp-244657"]
    # two articles (outlet,date,headline; separated by ';'): each outlet cited with its
    # headline as quote, the event's own outlet too; then the original source
    assert of[["source_id", "quote"]].fillna("").values.tolist() == [
        ["garowe-online", "Al-Shabaab attack on military base repulsed near Afgooye"],
        ["reuters", "Somali army says it repelled militant attack"],
        ["original-somali-national-army", ""],
    ]
    assert of["citation_id"].tolist() == ["ucdp-244657-1", "ucdp-244657-2", "ucdp-244657-3"]
    events = dataset.tables["events"].set_index("event_id")
    assert events.loc["ucdp-244657", "source_id"] == "garowe-online"
    # three outlets in source_office (one named twice) and two original sources
    of = citations[citations["row_id"] == "ucdp-198234"]
    assert events.loc["ucdp-198234", "source_id"] == "syrian-observatory-for-human-rights"
    assert of["source_id"].tolist() == [
        "afp",
        "xinhua",
        "original-sohr",
        "original-local-residents",
    ]
    assert "Sources counted by UCDP: 3" in events.loc["ucdp-198234", "description"]
    counts = fact_counts(dataset.tables)["events"].set_index(events.index)
    assert counts.loc["ucdp-198234"].to_dict() == {
        "sources": 5,
        "confirmations": 0,  # reported, and every citation only reports
        "contradictions": 0,
    }


def test_acled_every_outlet_of_a_row_is_a_citation(acled_2024: Path) -> None:
    dataset = load_dataset(acled_2024)
    citations = dataset.tables["citations"]
    events = dataset.tables["events"].set_index("event_id")
    assert events.loc["acled-sdn31561", "source_id"] == "darfur24"
    of = citations[citations["row_id"] == "acled-sdn31561"]
    assert of[["citation_id", "source_id", "support"]].values.tolist() == [
        ["acled-sdn31561-1", "radio-dabanga", "reports"]
    ]
    single = set(events.index) - set(citations["row_id"])
    assert "acled-sdn31631" in single  # no outlet named: the dataset is its only source
