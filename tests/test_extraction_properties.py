"""Arbitrary text: reading and extraction never raise, and offsets always slice the quote."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.extraction import extract
from ledger.reading import Document, ReadError, read_bytes

WORDS = st.sampled_from(
    "said told according to about some more than at least up to nearly between and dozens of "
    "thousands million billion 7,000 54 000 4.8 12M $3.8 €1,1 % percent 152mm 2024 March 18 "
    "Monday last October since July he added the ministry Reuters (AP) Seoul Pyongyang , . ; : "
    "- – ( ) “ ” ' \n \n\n Related Read also: By Donate 1.2k 07/09/2024 9:42 containers people "
    "killed twice three times the a an of to from one in five 0 in 0 1 in 0 half of a third of "
    "Swiss dollars U.S. francs SFr2.1bn ₦ RM 30% to 40% at 9.58 10:00pm children under 15 When "
    "it put the cost at its cost was put at the company the agency The WHO (WHO) data shows the "
    "data 185 POWs come home at the time by contrast for its part where FILE - Jane Doe/AP "
    "Posted: Editor's note: 06/14/2025June By our count alive of them".split(" ")
)
NEWSY = st.lists(WORDS, min_size=0, max_size=120).map(" ".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(doc: Document) -> None:
    estimates = extract(doc)
    for e in estimates:
        assert doc.text[e.start : e.end] == e.quote
        assert all(0 <= s < t <= len(doc.text) for s, t in e.alt_spans)
        assert e.converts is None or 0 <= e.converts < len(estimates)
    assert extract(doc) == estimates


@SETTINGS
@given(st.text())
def test_any_unicode_text(text):
    check(Document(text=text, source="h.txt"))


@SETTINGS
@given(NEWSY, st.sampled_from([None, "2024-03-18", "2025-01-01"]), st.booleans())
def test_newsy_word_salad(text, published, weak):
    check(Document(text=text, source="h.txt", published=published, published_weak=weak))


@SETTINGS
@given(st.binary(max_size=400))
def test_reading_arbitrary_bytes_either_reads_or_raises_read_error(data):
    try:
        doc = read_bytes(data, source="h.txt")
    except ReadError as e:
        assert "\n" not in str(e)
        return
    check(doc)


@SETTINGS
@given(NEWSY)
def test_reading_newsy_text(text):
    try:
        doc = read_bytes(text.encode(), source="h.txt")
    except ReadError:
        return
    check(doc)
