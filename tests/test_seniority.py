"""extract_seniority on made-up postings, plus the two seed postings when ../shared is present."""
import html
import re
from pathlib import Path

import pytest

from jobscan.model import EDUCATION_LEVELS, SENIORITY_LEVELS, Block, Section, Seniority
from jobscan.seniority import extract_seniority

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def section(text: str, kind: str = "requirements", first_line: int = 1) -> Section:
    """One section, one item block per line, numbered from first_line."""
    lines = text.split("\n")
    blocks = tuple(Block("item", line, first_line + i, first_line + i) for i, line in enumerate(lines) if line.strip())
    return Section(kind, None, first_line, first_line + len(lines) - 1, blocks)


def read(text: str, title: str | None = None, kind: str = "requirements") -> Seniority:
    return extract_seniority(title, [section(text, kind)])


# --- years ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, years_min, years_max",
    [
        ("3+ years of experience with Python", 3, None),
        ("3-5 years of experience in sales", 3, 5),
        ("At least three years of experience in retail", 3, None),
        ("A minimum of 3 years' experience in accounting", 3, None),
        ("5 or more years of experience building APIs", 5, None),
        ("2+ yrs experience with React", 2, None),
        ("One year of experience in a warehouse", 1, 1),
        ("3 to 5 years of experience as a nurse", 3, 5),
        ("1-2 years of experience in customer support", 1, 2),
        ("Minimum 3 years experience in logistics", 3, None),
        ("At least 5 years' experience leading projects", 5, None),
        ("Between 2 and 4 years of experience in marketing", 2, 4),
        ("Five (5) years of professional experience", 5, 5),
        ("Up to 2 years of experience in a lab", 0, 2),
        ("More than 6 years of experience in finance", 6, None),
        ("Work experience not less than 3 years", 3, None),
        ("6 months of experience in a call centre", 0, 1),
        ("You have a 4-year experience in a similar position", 4, 4),
        ("Years of experience: 1 3 years in a similar role", 1, 3),  # machine translation dropped the dash
        ("A minimum of 3 years of agency experience", 3, None),
        ("4 years programming experience", 4, 4),
        ("English level B2 3 years of experience", 3, 3),  # "B2" is a grade, not glued text
    ],
)
def test_years_phrasings(sentence, years_min, years_max):
    result = read(sentence)
    assert (result.years_min, result.years_max) == (years_min, years_max)


@pytest.mark.parametrize(
    "word, number",
    [("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
     ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15)],
)
def test_word_numbers(word, number):
    assert read(f"At least {word} years of experience in design").years_min == number


def test_optional_figure_does_not_set_the_requirement():
    assert read("5+ years of Python required; 2 years of Go a plus").years_min == 5
    assert read("2 years of Go is a plus\n5+ years of Python experience").years_min == 5
    assert read("5 years of related experience required, 10+ years preferred").years_min == 5


def test_optional_figure_is_used_when_nothing_is_required():
    assert read("3 years of experience with Kafka preferred").years_min == 3


def test_preferred_section_figure_counts_only_without_a_required_one():
    required = section("4+ years of experience with SQL")
    preferred = section("8+ years of experience with data warehouses", kind="preferred", first_line=10)
    assert extract_seniority(None, [preferred, required]).years_min == 4
    assert extract_seniority(None, [preferred]).years_min == 8


@pytest.mark.parametrize(
    "sentence",
    [
        "Our company was founded 20 years ago and hires experienced people",
        "A company with 10 years of history in logistics experience",
        "All machines come with a 3 years warranty",
        "This is a contract of 2 years with experienced staff",
        "There is a 12 months probation period for experienced hires",
        "We have over 25 years in business serving clients",
        "Candidates aged 25-35 with retail experience",
        "Be at least 18 years old",
        "A four-year degree in accounting",
        "You will join a three-year project, working with experienced staff",
        "For almost 30 years, clients have trusted our experience",
        "Acme's 40+ years of experience make us the leader",
        "We've been delivering customer service for over 10 years, with experience",
    ],
)
def test_figures_that_are_not_experience_are_ignored(sentence):
    assert read(sentence).years_min is None


def test_glued_fields_from_html_without_separators():
    result = read("Excellent communication skills3+ years of experience in salesHighschool Diploma required")
    assert (result.years_min, result.education) == (3, "high-school")


def test_company_sections_are_not_read():
    about = section("We have 20 years of experience in consulting", kind="about")
    benefits = section("Extra day off after 5 years of service", kind="benefits", first_line=3)
    assert extract_seniority(None, [about, benefits]).years_min is None


def test_figure_under_its_label_heading():
    """"Minimum experience: 3 years" split into a heading and its value still reads as 3 years."""
    from jobscan import analyze

    posting = analyze("Support Technician\nRabat\n\nProfile sought\n\nMinimum experience: 3 years\nLevel of study: BAC+2\n")
    assert posting.section("requirements") is not None
    assert (posting.seniority.years_min, posting.seniority.years_line) == (3, 6)
    assert posting.seniority.years_evidence == "Minimum experience: 3 years"


def test_label_headings_of_one_line_markup_are_not_glued_to_their_text():
    blocks = (Block("item", "3+ years of SQL", 1, 1), Block("item", "Python", 1, 1))
    result = extract_seniority(None, [Section("requirements", "Experience", 1, 1, blocks)])
    assert result.years_evidence == "3+ years of SQL"


def test_misplaced_sections_give_figures_but_not_phrases():
    """Requirements the splitter put under "How to apply" or an unknown heading still state the
    years; a degree or "lead a team" there is not taken as the job's."""
    process = section("To justify a professional experience of at least 4 years in accounting", kind="process")
    result = extract_seniority(None, [process])
    assert (result.years_min, result.years_line) == (4, 1)
    unplaced = Section("other", "Our story", 1, 2, (Block("item", "Our founders lead a team of 40 people", 2, 2),
                                                    Block("item", "Master's degree holders welcome", 3, 3)))
    result = extract_seniority(None, [unplaced])
    assert (result.manages_people, result.education, result.level) == (False, None, "mid")


def test_years_evidence_and_line():
    block = Block("paragraph", "About the role\nYou will build things.\nYou bring 4+ years of Go experience.", 12, 14)
    result = extract_seniority(None, [Section("requirements", None, 12, 14, (block,))])
    assert result.years_min == 4
    assert result.years_evidence == "You bring 4+ years of Go experience"
    assert result.years_line == 14


def test_evidence_sentence_keeps_abbreviations_and_splits_glued_sentences():
    result = read("Strong SQL. M.S. in Statistics with 4 years of experience or a Ph.D.\nCurious mind.")
    assert result.years_evidence == "M.S. in Statistics with 4 years of experience or a Ph.D."
    assert read("Team player.Minimum 3 years of experience").years_evidence == "Minimum 3 years of experience"


def test_years_line_in_a_later_block():
    result = read("Strong communication skills\nTeam player\n2+ years of experience in QA")
    assert result.years_line == 3


# --- level ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "title, level",
    [
        ("Sr. Software Engineer", "senior"),
        ("Senior Accountant", "senior"),
        ("Jr. Web Developer", "entry"),
        ("Junior Data Analyst", "entry"),
        ("Software Engineer II", "mid"),
        ("Software Engineer III", "senior"),
        ("Software Engineer 2", "mid"),
        ("Analyst I", "entry"),
        ("Staff Engineer", "lead"),
        ("Principal Data Scientist", "lead"),
        ("Lead Developer", "lead"),
        ("Head of Marketing", "director"),
        ("Director of Engineering", "director"),
        ("VP of Sales", "executive"),
        ("Vice President, Operations", "executive"),
        ("Chief Technology Officer", "executive"),
        ("Marketing Intern", "intern"),
        ("Summer Internship - Finance", "intern"),
        ("Graduate Engineer", "entry"),
        ("Engineering Manager", "manager"),
        ("Customer Service Representative", "entry"),
    ],
)
def test_level_from_title(title, level):
    assert extract_seniority(title, []).level == level


def test_title_evidence_is_quoted():
    assert extract_seniority("Sr. Product Designer", []).evidence == ('title: "Sr"',)


def test_levels_and_education_use_the_model_vocabulary():
    result = read("Bachelor's degree and 6+ years of experience", title="Senior Engineer")
    assert result.level in SENIORITY_LEVELS and result.education in EDUCATION_LEVELS


@pytest.mark.parametrize(
    "years, level",
    [("0-1 years", "entry"), ("1 year", "entry"), ("2 years", "mid"), ("4+ years", "mid"), ("5+ years", "senior"),
     ("10+ years", "senior")],
)
def test_level_from_years(years, level):
    result = read(f"{years} of experience in operations", title="Operations Specialist")
    assert result.level == level
    assert result.evidence[0].startswith("years: ")


def test_years_contradicting_the_title_by_two_rungs_win():
    result = read("Minimum of 1 year customer service experience required", title="Customer Service Team Lead")
    assert result.level == "entry"
    assert result.evidence == ("years: 1+", 'title: "Lead"')


def test_years_agreeing_with_the_title_raise_confidence():
    alone = extract_seniority("Senior Engineer", [])
    backed = read("6+ years of experience in backend development", title="Senior Engineer")
    assert backed.level == alone.level == "senior"
    assert backed.confidence > alone.confidence


def test_entry_level_job_in_the_title_holds_against_nearby_years():
    assert read("2+ years of office experience", title="Office Assistant").level == "entry"
    assert read("8+ years of office experience", title="Executive Assistant").level == "senior"


def test_manager_title_without_reports_is_not_a_people_manager():
    result = read("3+ years of product management experience", title="Product Manager")
    assert result.level == "mid"
    assert not result.manages_people


def test_manager_title_with_reports_is_a_manager():
    result = read("You will manage a team of 6 analysts", title="Analytics Manager")
    assert result.level == "manager"
    assert result.manages_people
    assert result.evidence == ('title: "Manager"', 'manages: "manage a team of"')


@pytest.mark.parametrize(
    "sentence",
    ["You will manage a team of 8 engineers", "This role has 5 direct reports", "Lead a team of designers",
     "Proven people management experience", "Hire, develop and mentor the team"],
)
def test_management_signals(sentence):
    result = read(sentence, title="Operations Specialist")
    assert result.manages_people
    assert result.level == "manager"


def test_management_in_a_preferred_section_is_not_the_role():
    preferred = section("Experience leading or managing teams\nManage a team of 3", kind="preferred")
    assert not extract_seniority("Backend Engineer", [preferred]).manages_people


@pytest.mark.parametrize(
    "sentence", ["This is an entry-level role", "No experience required", "Recent graduates welcome"]
)
def test_entry_level_wording(sentence):
    assert read(sentence, title="Sales Associate Trainer").level == "entry"


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Degree or relevant experience", "equivalent"),
        ("Degree or comparable work experience", "equivalent"),
        ("New grads are encouraged to apply", "entry"),
        ("Fresh graduates, we will train you", "entry"),
        ("Full training is provided", "entry"),
        ("Paid training provided", "entry"),
        ("A first job for many of our staff", "entry"),
        ("Entry-level position", "entry"),
        ("You will oversee a team of 4", "manages"),
        ("Supervising the night team of cleaners", "manages"),
        ("Line management of two analysts", "manages"),
        ("Three direct reports", "manages"),
    ],
)
def test_common_anchors_with_their_second_word(sentence, name):
    result = read(sentence, title="Operations Specialist")
    said = {"equivalent": result.education_equivalent, "manages": result.manages_people, "entry": result.level == "entry"}
    assert said[name]


@pytest.mark.parametrize(
    "sentence", ["Or relevance to the role", "New graduating class", "Will trains run", "Lead the teams", "Direct reporting"]
)
def test_common_anchors_without_their_second_word_say_nothing(sentence):
    result = read(sentence, title="Designer")
    assert (result.level, result.manages_people, result.education_equivalent) == ("mid", False, False)


@pytest.mark.parametrize(
    "sentence, education",
    [("2-year degree in nursing", "associate"), ("4 year university degree", "bachelor"),
     ("High school diploma", "high-school"), ("Highschool diploma", "high-school"), ("requiredHigh school", "high-school")],
)
def test_year_and_school_anchors(sentence, education):
    assert read(sentence).education == education


def test_nothing_known_is_a_low_confidence_mid():
    result = read("You are curious and kind", title="Designer")
    assert (result.level, result.confidence, result.evidence) == ("mid", 0.3, ("default: mid",))


def test_no_title_and_no_sections():
    result = extract_seniority(None, [])
    assert result.level == "mid" and result.years_min is None and result.education is None


# --- education ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, education",
    [
        ("No degree required, just curiosity", "none"),
        ("High school diploma or GED", "high-school"),
        ("Associate's degree in business", "associate"),
        ("Bachelor's degree in Computer Science", "bachelor"),
        ("BS in Mechanical Engineering", "bachelor"),
        ("B.Sc. in physics", "bachelor"),
        ("Four-year college degree", "bachelor"),
        ("Master's degree in statistics", "master"),
        ("MBA from a top school", "master"),
        ("PhD in machine learning", "phd"),
        ("Ph.D. or doctorate in chemistry", "phd"),
        ("BS/MS in Computer Science", "bachelor"),
        ("Bachelor's required; Master's preferred", "bachelor"),
        ("Master's degree preferred", "master"),
        ("Masters degree in statistics required", "master"),
        ("Associates degree in nursing", "associate"),
        ("Experience required.Masters degree in finance", "master"),
    ],
)
def test_education(sentence, education):
    assert read(sentence).education == education


def test_scrum_master_and_ms_office_are_not_degrees():
    assert read("Certified Scrum Master; MS Office").education is None


@pytest.mark.parametrize(
    "sentence, equivalent",
    [
        ("Bachelor's degree in computer science, a related field or equivalent experience", True),
        ("Bachelor's degree or equivalent practical experience", True),
        ("Degree in engineering or related experience", True),
        ("High school diploma or equivalent", False),
        ("Bachelor's degree in finance", False),
    ],
)
def test_equivalent_experience(sentence, equivalent):
    assert read(sentence).education_equivalent is equivalent


def test_to_dict():
    data = read("Bachelor's degree; 3+ years of experience", title="Data Analyst").to_dict()
    assert data["years_min"] == 3 and data["education"] == "bachelor" and isinstance(data["evidence"], list)


@pytest.mark.parametrize(
    "text, education",
    [
        ("Sales Associate\nassociates degree in business", "associate"),  # "associates" is no word of its own
        ("Certified Scrum Master\nMasters degree in statistics", "master"),
        ("Strong communication skillsBachelor's degree in finance", "bachelor"),  # fields glued together
        ("Team playerMaster's degree required", "master"),
    ],
)
def test_degree_in_a_longer_or_glued_word(text, education):
    assert read(text).education == education


def test_glued_management_phrase():
    result = read("Great teamManage a team of 5 engineers", title="Analyst")
    assert result.manages_people and result.evidence == ('manages: "Manage a team of"',)


def test_months_and_years_are_read_in_text_order():
    result = read("At least 6 months experience in retail, 3+ years preferred")
    assert (result.years_min, result.years_max) == (0, None)


@pytest.mark.parametrize(
    "text, line, sentence",
    [
        ("Re\u00adquired: Python\n5+ years of experience", 2, "5+ years of experience"),  # soft hyphen
        ("Bring\u200b 4+ years of Go experience", 1, "Bring 4+ years of Go experience"),  # zero-width space
    ],
)
def test_invisible_characters_keep_lines_and_sentences(text, line, sentence):
    result = read(text)
    assert (result.years_line, result.years_evidence) == (line, sentence)


def test_only_ascii_capitals_can_start_an_anchor():
    """Glued phrases are looked for after capitals A-Z: no other capital lower-cases to an anchor's first letter."""
    from jobscan.seniority import _BY_FIRST, _lower

    firsts = set(_BY_FIRST)
    others = (chr(c) for c in range(0x80, 0x110000) if chr(c).isupper() or chr(c).istitle())
    assert not {c for c in others if _lower(c)[:1] in firsts}


# --- the seed postings ----------------------------------------------------------------------------

def seed_sections(text: str) -> list[Section]:
    """Paragraph blocks of a plain-text posting whose HTML fragments become line breaks."""
    text = html.unescape(re.sub(r"<(?:/?(?:p|li|ul|div|br)\b)[^>]*>", "\n", text))
    text = re.sub(r"<[^>]+>", "", text)
    sections, line = [], 1
    for para in re.split(r"\n\s*\n", text):
        if para.strip():
            block = Block("paragraph", para, line, line + para.count("\n"))
            sections.append(Section("other", None, block.line_start, block.line_end, (block,)))
        line += para.count("\n") + 2
    return sections


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
@pytest.mark.parametrize(
    "name, evidence",
    [("mercari-backend.txt", "3+ years of industry programming experience"),
     ("pinterest-backend.txt", "3+ years of industry API and backend development experience")],
)
def test_seeds_are_mid_level_with_three_years(name, evidence):
    text = (SEEDS / name).read_text(encoding="utf-8")
    result = extract_seniority(text.split("\n", 1)[0], seed_sections(text))
    assert (result.level, result.years_min, result.years_max) == ("mid", 3, None)
    assert evidence in result.years_evidence
    assert not result.manages_people


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_pinterest_seed_education():
    text = (SEEDS / "pinterest-backend.txt").read_text(encoding="utf-8")
    result = extract_seniority(None, seed_sections(text))
    assert (result.education, result.education_equivalent) == ("bachelor", True)
