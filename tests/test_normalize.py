from hypothesis import given, settings, strategies as st

from newsqa.qa.normalize import fold, sound_key, to_latin, tokenize


def test_fold_makes_one_name_of_its_spellings():
    assert fold("Erdoğan") == fold("Erdogan") == "erdogan"
    assert fold("Kata'ib") == fold("Kata’ib") == fold("Kataʼib") == "kataib"
    assert fold("Đukanović") == "djukanovic"
    assert fold("Хути") == fold("Huti") == "huti"
    assert fold("Netanyahu's") == fold("Netanyahu’s") == "netanyahu"


def test_cyrillic_tables_per_language():
    assert to_latin("Нетанјаху") == "Netanjahu"
    assert to_latin("Љубљана Џамија") == "Ljubljana Džamija"
    assert to_latin("Ѓорѓе Ќосе", "mk") == "Gjorgje Kjose"
    assert to_latin("Сергей Кисель", "ru") == "Sergej Kisel"
    assert to_latin("Київ", "uk") == "Kyjiv"


def test_sound_key_merges_romanisations_not_names():
    assert sound_key("netanjahu") == sound_key("netanyahu")
    assert sound_key("zelenski") == sound_key("zelensky")
    assert sound_key("huti") == sound_key("houthi")
    assert sound_key("kissel") == sound_key("kisel")
    assert sound_key("iran") != sound_key("iraq")
    assert sound_key("hama") != sound_key("hamas")


def test_tokenize_folds_arabic_article_but_keeps_it_in_the_span():
    text = "Hashd al-Shabaab near Al Bukamal, ash-Sham, el-Assad and as-yet"
    tokens = tokenize(text)
    assert [t.norm for t in tokens] == ["hashd", "shabaab", "near", "bukamal", "sham", "assad", "and", "as", "yet"]
    assert tokens[1].text == "al-Shabaab" and tokens[3].text == "Al Bukamal"
    assert tokens[0].cap and not tokens[2].cap


def test_tokenize_acronyms_and_case():
    tokens = tokenize("U.S. and US and us")
    assert [t.norm for t in tokens] == ["us", "and", "us", "and", "us"]
    assert [t.upper for t in tokens] == [True, False, True, False, False]


@given(st.text())
def test_tokens_point_into_the_text(text):
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
        assert token.norm == token.norm.casefold()  # case-folded (Cherokee folds to capitals, so not .lower())
        assert token.start < token.end


@given(st.text())
def test_fold_is_idempotent_and_never_fails(text):
    once = fold(text)
    assert fold(once) == once


@given(st.text(alphabet="абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ", min_size=1))
def test_serbian_cyrillic_and_its_latin_fold_alike(word):
    assert fold(word) == fold(to_latin(word))
    assert all(not ("\u0400" <= ch <= "\u04ff") for ch in fold(word))


def test_search_form():
    from newsqa.qa.normalize import search_form
    assert search_form("Hašd al-Šabi") == search_form("HASD AL SABI") == "hasd al sabi"
    assert search_form("Нетанјаху") == "netanjahu"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAšŠđХхуye-' .US.al-Al ")), max_size=25),
       st.sampled_from([None, "en", "sr", "sr-Cyrl", "mk"]))
def test_term_words_are_the_tokens_parts(text, lang):
    """The index reads terms through term_words; it must see what tokenize gives running text."""
    from newsqa.qa.normalize import term_words
    assert term_words(text, lang) == [(t.norm, t.key, t.cap, t.upper) for t in tokenize(text, lang)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_fold_of_ascii_skips_only_what_changes_nothing(text):
    """fold leaves out Unicode decomposition for ASCII text: decomposing it changes nothing."""
    import unicodedata
    from newsqa.qa.normalize import _APOS_RE, _POSSESSIVE_RE, _SPECIAL, has_cyrillic
    if has_cyrillic(text):
        return
    slow = _POSSESSIVE_RE.sub("", text).casefold().translate(_SPECIAL)
    slow = "".join(ch for ch in unicodedata.normalize("NFKD", slow) if not unicodedata.combining(ch))
    assert fold(text) == _APOS_RE.sub("", slow).casefold().replace(".", "")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12), st.sampled_from([None, "en", "sr-Cyrl"]))
def test_word_parts_all_capitals_is_every_letter_a_capital(word, lang):
    """_word_parts tests the letters with C-level passes; it must say what a letter-by-letter test says."""
    from newsqa.qa.normalize import _word_parts
    parts = _word_parts(word, lang) if word else None
    if parts is not None:
        letters = [c for c in word if c.isalpha()]
        assert parts[3] == (len(letters) > 1 and all(c.isupper() for c in letters))


_TERM_LETTERS = list("aAšŠđĐХхЉљуУyYeé-'’ .US.al-Al\u0301ßΣςİıǅ\u00ad0") + ["kh", "sh", "ah", "ou", "ll", "'s"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_TERM_LETTERS), max_size=12).map("".join),
                          st.sampled_from([None, "en", "sr", "sr-Cyrl", "mk", "ru"])), max_size=8))
def test_many_term_words_are_term_words(terms):
    """An index build tokenises a batch of terms at once, each step over the words joined: it must
    give every term exactly what term_words gives it alone (case folding, decomposition, sound keys
    and the final -ah act within a word, so joining must change nothing)."""
    from newsqa.qa.normalize import many_term_words, term_words
    assert many_term_words(terms) == [term_words(text, lang) for text, lang in terms]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=15), st.sampled_from([None, "sr", "mk"])), max_size=6))
def test_many_term_words_on_any_text(terms):
    from newsqa.qa.normalize import many_term_words, term_words
    assert many_term_words(terms) == [term_words(text, lang) for text, lang in terms]
