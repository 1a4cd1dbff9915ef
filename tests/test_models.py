"""Models: Segment, Attribution and Claim are built by a quick __init__ that must do exactly what
the dataclass's generated one does."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.models import PLAIN_INITS, Attribution, Claim, Segment, SegmentKind

_names = st.none() | st.text(max_size=12)
_words = st.lists(st.text(max_size=8), max_size=3).map(tuple)
_attributions = st.builds(
    Attribution,
    speaker=_names,
    role=_names,
    verb=_names,
    via=_words,
    hedges=_words,
    quote=st.booleans(),
    others=_words,
)
_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "start": st.integers(0, 10_000),
    "end": st.integers(0, 10_000),
    "kind": st.sampled_from(SegmentKind),
    "text": st.text(max_size=40),
    "block": st.integers(0, 50),
    "attribution": st.none() | _attributions,
    "speaker": _names,
    "role": _names,
    "verb": _names,
    "via": _words,
    "hedges": _words,
    "quote": st.booleans(),
    "others": _words,
    "id": st.text(min_size=1, max_size=4),
    "check_worthiness": st.floats(0, 1),
    "reasons": _words,
    "sources": _words,
    "caption": st.booleans(),
    "repeats": _names,
}


@st.composite
def _calls(draw: st.DrawFn, cls: type) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Arguments for ``cls``: its required fields, then some of the others, each passed by
    position or by keyword as a caller may."""
    params = list(inspect.signature(PLAIN_INITS[cls]).parameters.values())[1:]
    required = sum(p.default is inspect.Parameter.empty for p in params)
    count = draw(st.integers(required, len(params)))
    positional = draw(st.integers(0, count))
    values = [draw(_VALUES[p.name]) for p in params[:count]]
    if cls is Claim and count > 6 and values[6] is None:
        values[6] = Attribution()  # a claim always has an attribution
    args = tuple(values[:positional])
    kwargs = {p.name: v for p, v in zip(params[positional:count], values[positional:], strict=True)}
    return args, kwargs


def _plain(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    made: Any = object.__new__(cls)
    PLAIN_INITS[cls](made, *args, **kwargs)
    return made


def _state(made: object) -> list[tuple[str, Any]]:
    return [(f.name, getattr(made, f.name)) for f in dataclasses.fields(made)]  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", [Segment, Attribution, Claim])
def test_quick_init_keeps_the_generated_signature(cls: type) -> None:
    assert cls.__dict__["__init__"] is not PLAIN_INITS[cls]
    assert inspect.signature(cls.__dict__["__init__"]) == inspect.signature(PLAIN_INITS[cls])


@pytest.mark.parametrize("cls", [Segment, Attribution, Claim])
@given(data=st.data())
def test_quick_init_builds_what_the_generated_one_builds(cls: type, data: st.DataObject) -> None:
    args, kwargs = data.draw(_calls(cls))
    quick, plain = cls(*args, **kwargs), _plain(cls, args, kwargs)
    assert _state(quick) == _state(plain)
    assert quick == plain and hash(quick) == hash(plain) and repr(quick) == repr(plain)
    assert pickle.loads(pickle.dumps(quick)) == plain


def test_quick_init_gives_each_claim_its_own_attribution() -> None:
    first, second = Claim("c1", "Text.", 0, 5, 0.5), Claim("c2", "Text.", 0, 5, 0.5)
    assert first.attribution == Attribution() and first.attribution is not second.attribution
    assert Claim("c3", "Text.", 0, 5, 0.5, attribution=None).attribution is None  # type: ignore[arg-type]


_FEWEST: dict[type, tuple[Any, ...]] = {
    Segment: (0, 5, SegmentKind.CLAIM, "Text."),
    Attribution: (),
    Claim: ("c1", "Text.", 0, 5, 0.5),
}
"""The fewest arguments each class takes."""


@pytest.mark.parametrize("cls", [Segment, Attribution, Claim])
def test_quick_init_refuses_what_the_generated_one_refuses(cls: type) -> None:
    with pytest.raises(TypeError):
        cls(*range(20))
    with pytest.raises(TypeError):
        cls(unknown=1)
    made = cls(*_FEWEST[cls])
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, dataclasses.fields(made)[0].name, None)
