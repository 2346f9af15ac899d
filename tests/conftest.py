import pytest

import quotes


@pytest.fixture(scope="session")
def nlp():
    """The bundled English model with the quotes component, loaded once for the whole run."""
    return quotes.load_pipeline()


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
