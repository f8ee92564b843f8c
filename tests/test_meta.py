"""Posting facts: title, company, places, work mode, employment type, date, pay, truncation.

Every posting here is made up. The seed tests at the end read the two real seed postings from
../shared at run time and skip when it is absent.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscan import meta
from jobscan.meta import extract_meta, parse_date, parse_employment_type, parse_salary
from jobscan.model import Block, Document, Meta, Salary, Section

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def paragraphs(text: str, fields: dict | None = None) -> Document:
    """A plain-text document with one block per run of non-blank lines, as the loader groups them."""
    blocks, run, start = [], [], 0
    for number, line in enumerate(text.split("\n") + [""], 1):
        if line.strip():
            start = start if run else number
            run.append(line)
        elif run:
            blocks.append(Block("paragraph", "\n".join(run), start, number - 1))
            run = []
    return Document("made-up.txt", "text", tuple(blocks), fields or {})


def one_block_per_line(text: str) -> Document:
    """The same text as a loader that keeps every unwrapped line as its own block sees it."""
    blocks = [Block("paragraph", line, n, n) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    return Document("made-up.txt", "text", tuple(blocks))


def whole(doc: Document) -> list[Section]:
    """The sections of a document nobody split: one headless section."""
    if not doc.blocks:
        return []
    return [Section("other", None, doc.blocks[0].line_start, doc.blocks[-1].line_end, doc.blocks)]


def meta_of(text: str, **fields) -> Meta:
    doc = paragraphs(text, fields)
    return extract_meta(doc, whole(doc))


# ---------------------------------------------------------------- pay


@pytest.mark.parametrize(
    "text, expected",
    [
        ("$120,000 – $150,000 per year", (120_000, 150_000, "USD", "year")),
        ("$120K-$150K/yr", (120_000, 150_000, "USD", "year")),
        ("€60k–75k", (60_000, 75_000, "EUR", "year")),
        ("$45/hr", (45, 45, "USD", "hour")),
        ("$45 - $55 an hour", (45, 55, "USD", "hour")),
        ("¥8M", (8_000_000, 8_000_000, "JPY", "year")),
        ("¥8M – ¥11M per year", (8_000_000, 11_000_000, "JPY", "year")),
        ("£35,000 pa", (35_000, 35_000, "GBP", "year")),
        ("CAD 90,000–110,000", (90_000, 110_000, "CAD", "year")),
        ("USD 5,000 per month", (5_000, 5_000, "USD", "month")),
        ("Salary: 250000 AMD", (250_000, 250_000, "AMD", "year")),
        ("up to $90k", (None, 90_000, "USD", "year")),
        ("from €50,000", (50_000, None, "EUR", "year")),
        ("between $50,000 and $60,000", (50_000, 60_000, "USD", "year")),
        ("$1,500+ USD monthly", (1_500, None, "USD", "month")),
        ("₹12 lakh per annum", (1_200_000, 1_200_000, "INR", "year")),
        ("$45.50/hour", (45.5, 45.5, "USD", "hour")),
        ("€3.500 brutto", (3_500, 3_500, "EUR", None)),
        ("Pay$40,000-$55,000Apply now", (40_000, 55_000, "USD", "year")),
    ],
)
def test_pay_formats(text, expected):
    salary = parse_salary(text)
    assert salary is not None, text
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Generous 401(k) match",
        "We passed $1B in revenue last year",
        "We raised $50M Series B funding",
        "We raised $50M in 2021",
        "3+ years of experience",
        "Our app has 100M downloads",
        "Call us at +1 (555) 010-4477 or 555-010-4477",
        "Founded in 2014",
        "Graduated in the top 10% of the class",
        "Able to lift up to 50 pounds",
        "A $2,000 annual learning budget",
        "A signing bonus of $10,000",
        "Experience with PHP 7 and CAD 3D modelling",
        "Annual pay is split into 12 monthly transfers",
        "a $3.4 trillion industry",
        "valued at over $40 million",
        "Utilization rate of 70% per year",
    ],
)
def test_not_pay(text):
    assert parse_salary(text) is None


def test_pay_keeps_the_wording_it_was_read_from():
    salary = parse_salary("Compensation: $120,000 – $150,000 per year, plus equity.")
    assert salary == Salary(120_000.0, 150_000.0, "USD", "year", "$120,000 – $150,000 per year")


def test_first_pay_statement_wins_and_bonuses_are_skipped():
    salary = parse_salary("Signing bonus of $5,000. The rate is $52/hr; overtime at $78/hr.")
    assert (salary.min, salary.period, salary.text) == (52.0, "hour", "$52/hr")


@pytest.mark.parametrize(
    "text, currency",
    [
        ("$90,000 - $110,000 CAD", "CAD"),
        ("$85,000 per year (AUD)", "AUD"),
        ("C$80k", "CAD"),
        ("A$95,000", "AUD"),
        ("US$70,000", "USD"),
        ("45000 drams", "AMD"),
        ("60,000 euros a year", "EUR"),
        ("Starting from 150$", "USD"),
    ],
)
def test_currency(text, currency):
    assert parse_salary(text).currency == currency


@pytest.mark.parametrize(
    "text, period",
    [
        ("$90,000", "year"),  # 10,000 or more with no period: a year
        ("$30", "hour"),  # under 200: an hour
        ("$5,000", None),  # a month or a year? not said, not guessed
        ("Monthly salary: $4,000", "month"),
        ("Annual salary: $95,000", "year"),
        ("$900 weekly", "week"),
        ("$250 per day", "day"),
        ("£28,000 p.a.", "year"),
    ],
)
def test_period(text, period):
    assert parse_salary(text).period == period


def test_range_shorthand_reads_both_ends_in_thousands():
    assert (parse_salary("£40-65k").min, parse_salary("£40-65k").max) == (40_000, 65_000)
    assert (parse_salary("40 - 45000 drams").min, parse_salary("40 - 45000 drams").max) == (40_000, 45_000)


def test_amount_without_currency_needs_a_pay_word_and_a_period():
    expected = Salary(18_000.0, 18_000.0, None, "year", "18,000 per annum")
    assert parse_salary("Remuneration: 18,000 per annum") == expected
    assert parse_salary("We ship 18,000 parcels per year") is None


@given(st.integers(1, 400), st.integers(0, 400))
def test_any_dollar_range_in_thousands_reads_back(low, extra):
    salary = parse_salary(f"Base pay: ${low},000 - ${low + extra},000 per year")
    assert (salary.min, salary.max, salary.period) == (low * 1000, (low + extra) * 1000, "year")


# Text built from the pieces the parsers look for, so random cases reach their corners.
POSTING_BITS = st.lists(
    st.sampled_from(
        list("aXC 0179$€£¥,.-–:;|·\n/()+%kM")
        + ["per year", "Posted ", "Remote", "USD", "hour", "TITLE:", " - ", "March", "Inc", "up to ", " and "]
    ),
    max_size=60,
).map("".join)


@given(POSTING_BITS)
def test_any_text_gives_a_record_and_pay_read_from_it(text):
    for doc in (paragraphs(text), one_block_per_line(text)):
        assert isinstance(extract_meta(doc, whole(doc)), Meta)
    salary = parse_salary(text)
    assert salary is None or salary.text in text and (salary.min or 0) <= (salary.max or float("inf"))


@pytest.mark.parametrize(
    "text, may",
    [
        ("5 years of experience", False),
        ("founded in 2021.", False),
        ("call 555 0199)", False),
        ("3 apples", False),
        ("50k", True),
        ("100 USD", True),
        ("30 per hour", True),
        ("12 – 15", True),
        ("5+ years", True),
        ("40 000 to 50 000", True),
        ("4,000 monthly", True),
        ("60 p.a.", True),
        ("7", False),
    ],
)
def test_what_may_follow_an_amount(text, may):
    assert meta._may_follow_amount(meta._fold(text), 0) is may


@given(POSTING_BITS)
def test_pay_is_the_first_statement_among_all_pay_pattern_matches(text):
    """The digit-by-digit search finds what trying the pattern at every place would."""
    found = (meta._salary_from_match(text, m) for m in meta._SALARY.finditer(text))
    assert parse_salary(text) == next((s for s in found if s), None)


# ---------------------------------------------------------------- dates and employment types


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Posted 4 March 2026", "2026-03-04"),
        ("March 4, 2026", "2026-03-04"),
        ("Mar 4 2026", "2026-03-04"),
        ("2026-03-04", "2026-03-04"),
        ("2026-03-04T09:30:00Z", "2026-03-04"),
        ("the 4th of Sept. 2026", "2026-09-04"),
        ("01 September, 2004", "2004-09-01"),
        ("25/12/2026", "2026-12-25"),  # only one reading is a date
        ("12/25/2026", "2026-12-25"),
        ("04/03/2026", None),  # 4 March or April 3: not guessed
        ("31 February 2026", None),
        ("since 2014", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text, kind",
    [
        ("FULL_TIME", "full-time"),
        ("Full Time", "full-time"),
        ("Permanent", "full-time"),
        ("PART_TIME", "part-time"),
        ("part-time", "part-time"),
        ("CONTRACTOR", "contract"),
        ("Contract to hire", "contract"),
        ("Freelance", "contract"),
        ("TEMPORARY", "temporary"),
        ("Seasonal", "temporary"),
        ("INTERN", "internship"),
        ("Full-time internship (paid)", "internship"),
        ("VOLUNTEER", "volunteer"),
        ("PER_DIEM", "per-diem"),
        ("OTHER", None),
        ("Contracts Administrator", None),
        ("International Sales", None),
    ],
)
def test_parse_employment_type(text, kind):
    assert parse_employment_type(text) == kind


# ---------------------------------------------------------------- the header

HEADER = """Widget Polisher, Night Shift

Acme Widgets
Springfield, OR; Remote, USPosted 14 February 2026

Job Description

We polish widgets. You will too, for many happy years to come, in a team of twelve people.
"""


@pytest.mark.parametrize("shape", [paragraphs, one_block_per_line])
def test_title_company_places_and_date_in_the_header(shape):
    doc = shape(HEADER)
    meta = extract_meta(doc, whole(doc))
    assert meta.title == "Widget Polisher, Night Shift"
    assert meta.company == "Acme Widgets"
    assert meta.locations == ("Springfield, OR", "Remote, US")
    assert meta.remote == "remote"
    assert meta.posted == "2026-02-14"


@pytest.mark.parametrize("shape", [paragraphs, one_block_per_line])
def test_company_and_place_on_one_line(shape):
    doc = shape("Sprocket Analyst\nGearworks - Dayton, OH\n\nLocation: Dayton, Ohio\nDayton, OH, US\n\nYou analyse.")
    meta = extract_meta(doc, whole(doc))
    assert (meta.title, meta.company, meta.locations) == ("Sprocket Analyst", "Gearworks", ("Dayton, OH",))


def test_a_dash_inside_the_company_name_stays():
    meta = meta_of("Sprocket Analyst\nGearworks - Research - Remote\n\nYou analyse sprockets.")
    assert (meta.company, meta.locations, meta.remote) == ("Gearworks - Research", ("Remote",), "remote")


def test_labelled_header_under_the_company_line():
    meta = meta_of(
        "Harbour Logistics Foundation\n"
        "ANNOUNCEMENT CODE: 07-12\n"
        "JOB TITLE:  Warehouse Coordinator\n"
        "TERM:  Full time\n"
        "POSITION LOCATION: Gyumri, Armenia\n"
        "JOB DESCRIPTION:   The Foundation is looking for a coordinator to run the\n"
        "warehouse and its three loading docks.\n"
        "OPENING DATE:   3 May 2005\n"
    )
    assert meta.title == "Warehouse Coordinator"
    assert meta.company == "Harbour Logistics Foundation"
    assert meta.locations == ("Gyumri, Armenia",)
    assert meta.employment_type == "full-time"
    assert meta.posted == "2005-05-03"


def test_a_job_title_label_in_the_body_does_not_replace_the_first_line():
    meta = meta_of("Data Wrangler\nByteFarm - Austin, TX\n\nJob Title: Senior Data Wrangler II\nYou wrangle data.")
    assert meta.title == "Data Wrangler"


@pytest.mark.parametrize(
    "text",
    [
        "Data Wrangler\nTitle: Data Wranglers\nAustin, TX\n\nYou wrangle data.",
        "Data Wrangler\nData Wrangler\nAustin, TX\n\nYou wrangle data.",
        "Data Wrangler\nRole - Senior Data Analyst\nAustin, TX\n\nYou wrangle data.",
        "Data Wrangler\nThe Position\nFull-time\n\nYou wrangle data.",
    ],
)
def test_a_repeated_title_or_a_heading_is_not_the_company(text):
    meta = meta_of(text)
    assert (meta.title, meta.company) == ("Data Wrangler", None)


def test_country_first_place_line():
    meta = meta_of("Kiln Operator\n\nUS, IA, Wever\n\nFire the kiln every morning and log each batch you fire.")
    assert (meta.title, meta.company, meta.locations) == ("Kiln Operator", None, ("US, IA, Wever",))


def test_a_title_with_a_colon_is_still_a_title():
    assert meta_of("Project Manager: Mechanical\n\nUS, TX, Houston").title == "Project Manager: Mechanical"


def test_company_from_about_heading_not_from_a_heading_under_the_title():
    meta = meta_of(
        "Gardener [Rooftop Team]\n\n\nOur Mission\n\n"
        "We grow vegetables on rooftops across the city and sell them to the restaurants downstairs.\n\n"
        "About Leafline\n\nLeafline is a rooftop farm."
    )
    assert (meta.title, meta.company, meta.locations) == ("Gardener [Rooftop Team]", "Leafline", ())


def test_company_from_a_seeking_sentence_when_nothing_else_names_it():
    meta = meta_of("Bookkeeper\n\nNorthwind Traders is seeking a bookkeeper to keep the ledgers in order.")
    assert meta.company == "Northwind Traders"


def test_labels_on_lines_with_several_colons():
    meta = meta_of("Baker\n\nHours: 9:00-17:00\nNote: read this: carefully\nLocation: Oslo, Norway\n\nCompany: Crumb & Co")
    assert (meta.company, meta.locations) == ("Crumb & Co", ("Oslo, Norway",))


@pytest.mark.parametrize(
    "line", ["Date posted: 4 March 2026", "Date Posted 2026-03-04", "Posted on March 4, 2026", "Opening date: 2026-03-04"]
)
def test_posting_date_in_the_body(line):
    assert meta_of(f"Baker\n\nWe bake bread.\n{line}").posted == "2026-03-04"


def test_company_label_anywhere():
    assert meta_of("Baker\n\nWe bake bread every night.\n\nCompany: Crumb & Co").company == "Crumb & Co"


def test_facts_under_their_own_headings():
    doc = paragraphs(
        "Tram Driver\n\nYou drive trams through the old town, on time, every day of the week.\n\n"
        "Location\n\nTallinn, Estonia\n\nEmployment Status\n\n"
        "Probation lasts 3 months; contract terms match those of permanent staff."
    )
    body, place, status = doc.blocks[:2], doc.blocks[2:4], doc.blocks[4:]
    sections = [
        Section("summary", None, 1, 3, body),
        Section("logistics", "Location", 5, 7, place[1:]),
        Section("logistics", "Employment Status", 9, 11, status[1:]),
    ]
    meta = extract_meta(doc, sections)
    assert (meta.locations, meta.employment_type) == (("Tallinn, Estonia",), None)


def test_header_facts_from_a_dotted_line():
    doc = Document(
        "made-up.html",
        "html",
        (
            Block("heading", "Kiosk Technician", 3, 3, 1),
            Block("paragraph", "Lisbon, Portugal · Part Time · Field Services", 4, 4),
            Block("heading", "What you will do", 6, 6, 3),
            Block("item", "Fix kiosks on site", 7, 7, 1),
        ),
    )
    meta = extract_meta(doc, whole(doc))
    assert (meta.title, meta.company, meta.locations) == ("Kiosk Technician", None, ("Lisbon, Portugal",))
    assert meta.employment_type == "part-time"


def test_empty_document():
    assert extract_meta(Document("empty.txt", "text", ()), []) == Meta()


# ---------------------------------------------------------------- work mode


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Data Engineer (Remote)\n\nYou build pipelines.", "remote"),
        ("Data Engineer - Hybrid\n\nYou build pipelines.", "hybrid"),
        ("Remote Sensing Analyst\n\nYou read satellite images.", None),
        ("Analyst\n\nThis role is fully remote within Canada.", "remote"),
        ("Analyst\n\nWe follow a hybrid work model: two days a week in the office.", "hybrid"),
        ("Analyst\n\nThis position is not remote.", "onsite"),
        ("Analyst\n\nThere is no remote option for this job.", "onsite"),
        ("Analyst\n\nThis is an on-site role in Leeds.", "onsite"),
        ("Analyst\n\nYou will tune our hybrid cloud. Perks: on-site gym, work from home Fridays.", None),
        ("Analyst\nWorkplace type: Hybrid\n\nYou analyse.", "hybrid"),
        ("Analyst\n\nThe role is onsite in Leeds.", "onsite"),
        ("Analyst\n\nThe job is in person.", "onsite"),
        ("Analyst\n\nThe position is office-based.", "onsite"),
        ("Analyst\n\nYou must work on site.", "onsite"),
        ("Analyst\n\nYour manager is in-office.", None),
        ("Analyst\n\nThe role is personal, our website is fast and the job is officer training.", None),
    ],
)
def test_work_mode(text, mode):
    assert meta_of(text).remote == mode


# ---------------------------------------------------------------- employment type


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Barista\nJob Type: Part-time\n\nYou make coffee.", "part-time"),
        ("Summer Intern, Marketing\n\nYou help the marketing team.", "internship"),
        ("Contract Manager\n\nYou manage supplier agreements.", None),
        ("Barista\n\nThis is a 6-month contract position.", "contract"),
        ("Barista\n\nWe hire on a temporary basis for the holidays.", "temporary"),
        ("Barista\n\nDuring probation the contract terms mirror those of permanent staff.", None),
    ],
)
def test_employment_type(text, kind):
    assert meta_of(text).employment_type == kind


# ---------------------------------------------------------------- pay in context, truncation


def test_pay_in_the_compensation_section_beats_an_earlier_amount():
    doc = paragraphs("Line Cook\n\nInterns in our kitchens earn $18/hr.\n\nRemuneration\n\n18,000 per annum")
    summary = Section("summary", None, 1, 3, doc.blocks[:2])
    pay = Section("compensation", "Remuneration", 7, 7, doc.blocks[3:])
    assert extract_meta(doc, [summary, pay]).salary == Salary(18_000.0, 18_000.0, None, "year", "18,000 per annum")


def test_pay_anywhere_when_no_section_states_it():
    assert meta_of("Line Cook\n\nWe pay $21 an hour, paid weekly.").salary.text == "$21 an hour"


@pytest.mark.parametrize(
    "ending, truncated",
    [
        ("Knowledge of forklift sa ... (truncated, view full listing at source)", True),
        ("You will mentor two junior cooks [truncated]", True),
        ("You will mentor two junior cooks… Read more", True),
        ("You will mentor two junior cooks.", False),
        ("We are growing... fast.", False),
    ],
)
def test_truncation_marker_at_the_end(ending, truncated):
    assert meta_of(f"Line Cook\n\nYou cook.\n\n{ending}").truncated is truncated


# ---------------------------------------------------------------- structured sources


def test_structured_fields_win_and_are_normalised():
    meta = meta_of(
        "Night Baker\nCrumb & Co - Leeds, UK\n\nThis is a part-time role. Pay: £11 per hour.",
        title="Head Baker",
        company="Crumb and Company Ltd",
        locations=["Leeds, West Yorkshire, GB"],
        posted="2026-03-04T08:00:00+00:00",
        employment_type=["FULL_TIME"],
        remote="TELECOMMUTE",
        salary={"min": 30000, "max": 0, "currency": "gbp", "period": "YEAR"},
    )
    assert meta == Meta(
        title="Head Baker",
        company="Crumb and Company Ltd",
        locations=("Leeds, West Yorkshire, GB",),
        remote="remote",
        employment_type="full-time",
        posted="2026-03-04",
        salary=Salary(30_000.0, None, "GBP", "year"),
        truncated=False,
    )


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"posted": 1772582400000}, ("2026-03-04", None, None)),  # Lever createdAt, epoch ms
        ({"employment_type": "Full Time", "remote": "onsite"}, (None, "full-time", "onsite")),
        ({"employment_type": "Contract", "remote": "hybrid"}, (None, "contract", "hybrid")),
        ({"remote": "unspecified"}, (None, None, None)),
    ],
)
def test_lever_style_fields(fields, expected):
    meta = meta_of("Kiosk Technician\n\nYou fix kiosks.", **fields)
    assert (meta.posted, meta.employment_type, meta.remote) == expected


def test_a_salary_field_with_no_amounts_is_no_salary():
    assert meta_of("Baker\n\nPay: $20/hr", salary={"min": 0, "max": None, "currency": "USD"}).salary is None


# ---------------------------------------------------------------- the real seed postings


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    return path.read_text(encoding="utf-8")


def seed_doc(text: str, shape) -> Document:
    """Plain-text lines as `shape` splits them; embedded HTML as one block per tag-free line."""
    plain, _, markup = text.partition("\n<")
    doc = shape(plain)
    first_html_line = plain.count("\n") + 2
    body = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "<" + markup)).strip()
    html_blocks = (Block("paragraph", body, first_html_line, first_html_line),) if markup else ()
    return Document(doc.source, doc.format, doc.blocks + html_blocks)


@pytest.mark.parametrize("shape", [paragraphs, one_block_per_line])
def test_seed_pinterest(shape):
    doc = seed_doc(seed("pinterest-backend.txt"), shape)
    meta = extract_meta(doc, whole(doc))
    assert meta.title == "Software Engineer, Backend"
    assert meta.company == "Pinterest"
    assert meta.locations == ("Mexico City, MX", "Remote, MX")
    assert meta.remote == "remote"
    assert meta.posted == "2026-03-04"
    assert meta.truncated is True
    assert meta.salary is None


@pytest.mark.parametrize("shape", [paragraphs, one_block_per_line])
def test_seed_mercari(shape):
    doc = seed_doc(seed("mercari-backend.txt"), shape)
    meta = extract_meta(doc, whole(doc))
    assert meta.title == "Software Engineer, Backend [US App]"
    assert meta.company == "Mercari"
    assert meta.locations == ()
    assert meta.truncated is False
    assert meta.salary is None


# ---------------------------------------------------------------- shortcuts read as the patterns do


@pytest.mark.parametrize(
    "ending",
    ["We use C (and some C++)", "Apply via the form [link]", "Dates: 2024 (tentative)\n(see below)"],
)
def test_a_closing_bracket_without_truncated_is_no_truncation(ending):
    assert meta_of(f"Line Cook\n\nYou cook.\n\n{ending}").truncated is False


def test_a_label_with_spaces_before_its_colon_is_read():
    meta = meta_of("Line Cook\n\nAbout the kitchen and the team we have here.\n\nJob Type" + " " * 50 + ": Part-time")
    assert meta.employment_type == "part-time"


@given(st.text(alphabet="ab Z1_é(') -\t.,", max_size=16))
def test_the_two_words_before_an_amount_start_where_the_pattern_finds_them(before):
    reach = meta._WORDS_BEFORE_REACH.match(before[::-1]).end()
    assert meta._WORDS_BEFORE.search(before, len(before) - reach)[1] == meta._WORDS_BEFORE.search(before)[1]


def test_an_about_line_wins_over_an_earlier_seeking_sentence():
    meta = meta_of("Bookkeeper\n\nNorthwind Traders is seeking a bookkeeper.\n\nAbout Contoso\nWe keep ledgers.")
    assert meta.company == "Contoso"
