"""The README's Python and spaCy examples run as written (issue 13: they had drifted)."""
import re
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i + 1}" for i in range(len(BLOCKS))])
def test_readme_example_runs_as_written(code, capsys):
    if "quotes.spark" in code:  # the Spark example needs Java and pyspark, as the Spark tests do
        from test_spark import _spark_or_skip

        _spark_or_skip()
    exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})  # each block on its own
    capsys.readouterr()
