"""Documents as sources: the author a text names for a report, and who only relays it."""

from ledger.extraction.documents import Documents, relayed_by


def test_authors_named_in_the_phrase_itself():
    docs = Documents()
    assert docs.author("the National Intelligence Service document") == (
        "National Intelligence Service"
    )
    assert docs.author("a report by the public spending watchdog") == "the public spending watchdog"
    assert docs.author("the council's latest situation report") == "the council"
    assert docs.author("a council briefing paper") == "the council"
    assert docs.author("The report, prepared by the project office, says") == "the project office"
    assert docs.author("an internal report") is None


def test_a_relayed_document_is_the_one_the_article_names_an_author_for():
    docs = Documents()
    docs.learn("The daily cites a report disclosed by lawmaker Park Min-jae.", 0)
    docs.learn("The number in the National Intelligence Service document is a record.", 60)
    docs.cursor = 59
    assert docs.author("a report disclosed by lawmaker Park Min-jae") == (
        "National Intelligence Service"
    )
    assert relayed_by("a report disclosed by lawmaker Park Min-jae") == "lawmaker Park Min-jae"
    assert docs.author("an independent study") is None


def test_the_report_is_the_latest_named_so_far_and_a_new_one_is_another():
    docs = Documents()
    docs.learn("According to a report by the spending watchdog, costs rose.", 0)
    docs.learn("Critics cite a report by the opposition.", 200)
    docs.cursor = 100
    assert docs.author("The report") == "the spending watchdog"
    docs = Documents()
    docs.learn("Later, a report by the opposition said otherwise.", 200)
    docs.cursor = 100
    assert docs.author("the revised report") is None  # an indefinite one later is another
    docs.learn("The report, prepared by the project office, says more.", 300)
    assert docs.author("the revised report") == "the project office"
