"""Tests for the checklist expression language: tokenizer, parser, type checker, evaluator."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checklist.compile import compile_expr, make_case
from factcheck.checklist.expr import (
    MAX_LENGTH,
    And,
    Compare,
    ExprError,
    Lit,
    Name,
    Not,
    Or,
    Tok,
    TypeKind,
    Value,
    ValueType,
    Var,
    Variable,
    compare,
    evaluate,
    names_in,
    parse_expr,
    show_value,
    substitute,
    tokenize,
    walk,
)
from factcheck.checklist.facts import fact_variables
from factcheck.errors import ChecklistError

YES_NO = ValueType(TypeKind.CHOICE, choices=("yes", "no", "unclear"))
SCALE = ValueType(TypeKind.NUMBER, low=1, high=5, integer=True)
TEXT = ValueType(TypeKind.TEXT)

VARIABLES = {
    **fact_variables(),
    "primary_source": Variable("primary_source", YES_NO, answer=True),
    "corroborated": Variable("corroborated", YES_NO, answer=True),
    "accuracy": Variable("accuracy", SCALE, answer=True),
    "relevance": Variable("relevance", SCALE, answer=True),
    "note": Variable("note", TEXT, answer=True),
}


def check(text: str) -> Value:
    """Compile against VARIABLES and evaluate with a fixed environment."""
    env = {
        "primary_source": "yes",
        "corroborated": None,
        "accuracy": 4,
        "relevance": 2,
        "note": "seen",
        "chain.hops": 2,
        "sources.any_partisan": True,
        "sources.worst_reliability": "D",
        "claim.check_worthiness": 0.75,
    }
    return compile_expr(text, VARIABLES, expect=None).evaluate(env)


def test_tokenize_names_operators_literals_and_columns() -> None:
    tokens = tokenize("chain.hops >= 2 and q in ['a', \"b\", -1.5]")
    assert [(t.kind, t.text, t.column) for t in tokens] == [
        (Tok.NAME, "chain.hops", 1),
        (Tok.OP, ">=", 12),
        (Tok.NUMBER, "2", 15),
        (Tok.NAME, "and", 17),
        (Tok.NAME, "q", 21),
        (Tok.NAME, "in", 23),
        (Tok.PUNCT, "[", 26),
        (Tok.STRING, "'a'", 27),
        (Tok.PUNCT, ",", 30),
        (Tok.STRING, '"b"', 32),
        (Tok.PUNCT, ",", 35),
        (Tok.NUMBER, "-1.5", 37),
        (Tok.PUNCT, "]", 41),
        (Tok.END, "", 42),
    ]
    assert tokens[11].value == -1.5


def test_parse_precedence_not_binds_tighter_than_and_than_or() -> None:
    tree = parse_expr("a == x or not b == y and c")
    assert tree == Or(
        (
            Compare("==", Name("a", 1), Name("x", 6), 3),
            And((Not(Compare("==", Name("b", 15), Name("y", 20), 17)), Name("c", 26))),
        )
    )


def test_parse_parentheses_and_not_in() -> None:
    tree = parse_expr("(a or b) and q not in [x, 'y']")
    assert isinstance(tree, And)
    assert tree.items[0] == Or((Name("a", 2), Name("b", 7)))
    compare = tree.items[1]
    assert isinstance(compare, Compare) and compare.op == "not in"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("primary_source == yes", True),
        ("primary_source != yes", False),
        ("yes == primary_source", True),
        ("primary_source in [no, unclear]", False),
        ("primary_source not in [no, unclear]", True),
        ("primary_source == 'yes'", True),
        ("corroborated == yes", False),
        ("corroborated != yes", True),
        ("corroborated in [yes, no, unclear]", False),
        ("corroborated not in [yes]", True),
        ("answered(corroborated)", False),
        ("answered(primary_source)", True),
        ("accuracy >= 4 and relevance < 3", True),
        ("accuracy > relevance", True),
        ("accuracy in [1, 2]", False),
        ("chain.hops >= 2", True),
        ("sources.worst_reliability >= C", True),
        ("sources.worst_reliability < 'D'", False),
        ("sources.worst_reliability in [D, E, F]", True),
        ("sources.any_partisan and not sources.state_media", True),
        ("sources.any_partisan == false", False),
        ("claim.check_worthiness > 0.5", True),
        ("note == 'seen' or note == \"other\"", True),
        ("not (primary_source == yes or accuracy < 2)", False),
        ("true", True),
    ],
)
def test_evaluate(text: str, expected: bool) -> None:
    assert check(text) is expected


def test_unknown_facts_default_to_unanswered_and_comparisons_are_false() -> None:
    expr = compile_expr("chain.hops >= 1", VARIABLES)
    assert expr.evaluate({}) is False
    assert compile_expr("chain.hops != 1", VARIABLES).evaluate({}) is True


def test_expr_records_names_type_and_source() -> None:
    expr = compile_expr("primary_source == yes and chain.hops < 2", VARIABLES)
    assert expr.names == frozenset({"primary_source", "chain.hops"})
    assert expr.type.kind is TypeKind.BOOL
    assert str(expr) == "primary_source == yes and chain.hops < 2"
    assert compile_expr("sources.worst_reliability", VARIABLES, expect=None).type.ordered


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty expression"),
        ("primary_source =", "unexpected '='; compare with '==' (column 16)"),
        (
            "primary_source == yes and",
            "expected a name, a value or '(', got end of text (column 26)",
        ),
        (
            "(primary_source == yes",
            "expected ')' to close the '(' at column 1, got end of text (column 23)",
        ),
        ("primary_source == yes)", "unexpected ')' after a complete expression (column 22)"),
        ("'open", "string is not closed (column 1)"),
        ("'a\\q'", "unknown escape in string; use \\\\, \\', \\\", \\n or \\t (column 3)"),
        ("12abc", "malformed number '12a' (column 1)"),
        ("chain. hops", "malformed name 'chain.' (column 1)"),
        ("primary_source @ yes", "unexpected character '@' (column 16)"),
        ("1 < 2 < 3", "comparisons cannot be chained; join them with 'and' (column 7)"),
        (
            "primary_sorce == yes",
            "unknown name 'primary_sorce' (did you mean 'primary_source'?) (column 1)",
        ),
        ("chain.hop > 1", "unknown fact 'chain.hop' (did you mean 'chain.hops'?) (column 1)"),
        (
            "primary_source == maybe",
            "unknown name 'maybe', and not one of yes, no, unclear (column 19)",
        ),
        ("primary_source == 'maybe'", "'maybe' is not one of yes, no, unclear (column 16)"),
        (
            "primary_source",
            "expected true or false, got primary_source (one of yes, no, unclear); "
            "compare it, for example primary_source == yes (column 1)",
        ),
        (
            "accuracy and true",
            "'and' needs true or false, got accuracy (a whole number from 1 to 5); "
            "compare it, for example accuracy >= 1 (column 1)",
        ),
        ("not note", "'not' needs true or false, got note (text) (column 5)"),
        ("chain.hops == yes", "unknown name 'yes' (column 15)"),
        (
            "chain.hops == primary_source",
            "cannot compare chain.hops (a whole number, 0 or more) with primary_source "
            "(one of yes, no, unclear) (column 12)",
        ),
        (
            "accuracy >= 7",
            "7 is outside the range of accuracy (a whole number from 1 to 5) (column 10)",
        ),
        (
            "chain.hops < -1",
            "-1 is outside the range of chain.hops (a whole number, 0 or more) (column 12)",
        ),
        (
            "chain.hops > claim.check_worthiness",
            "cannot compare chain.hops (a whole number, 0 or more) with claim.check_worthiness "
            "(a number from 0 to 1): compare one of them with a value instead (column 12)",
        ),
        (
            "primary_source < yes",
            "cannot order primary_source (one of yes, no, unclear): its values have no order; "
            "use 'in [...]' (column 16)",
        ),
        ("note < 'b'", "cannot order note (text) and 'b' (text): '<' compares numbers (column 6)"),
        (
            "primary_source in yes",
            "'in' needs a list such as [a, b], got something else (column 16)",
        ),
        ("primary_source in []", "'in' needs a list with at least one value (column 19)"),
        (
            "primary_source in [yes, corroborated]",
            "list items must be values, got the name 'corroborated' (column 25)",
        ),
        (
            "primary_source == [yes]",
            "a list can only follow 'in' or 'not in', not '==' (column 16)",
        ),
        ("[yes]", "a list can only follow 'in' or 'not in' (column 1)"),
        (
            "answered(chain.hops)",
            "answered() takes a question id, got the fact 'chain.hops' (column 10)",
        ),
        ("answered(and)", "expected a question id in answered(...), got 'and' (column 10)"),
        (
            "answered primary_source",
            "expected '(' after 'answered', got 'primary_source' (column 10)",
        ),
        ("not", "expected a name, a value or '(', got end of text (column 4)"),
        ("(" * 50 + "true" + ")" * 50, "expression is nested more than 40 deep (column 41)"),
        ("true or " * 300 + "true", "expression is longer than 2000 characters"),
    ],
)
def test_errors_name_the_problem_and_column(text: str, message: str) -> None:
    with pytest.raises(ExprError) as caught:
        compile_expr(text, VARIABLES)
    assert str(caught.value) == message


def test_unavailable_names_give_their_reason() -> None:
    with pytest.raises(ExprError, match=r"^'later' is asked later \(column 1\)$"):
        compile_expr("later == yes", VARIABLES, unavailable={"later": "'later' is asked later"})


def test_expr_error_is_a_checklist_error_with_column() -> None:
    with pytest.raises(ChecklistError) as caught:
        parse_expr("a ==")
    assert isinstance(caught.value, ExprError)
    assert (caught.value.reason, caught.value.column) == (
        "expected a name, a value or '(', got end of text",
        5,
    )


def test_substitute_folds_known_parts() -> None:
    expr = compile_expr("primary_source == yes and (chain.hops < 2 or accuracy >= 4)", VARIABLES)
    folded = substitute(expr.node, "primary_source", "yes")
    assert folded == Or(
        (
            Compare("<", Var("chain.hops"), Lit(2), 39),
            Compare(">=", Var("accuracy"), Lit(4), 55),
        )
    )
    assert substitute(folded, "chain.hops", 1) == Lit(True)
    assert substitute(expr.node, "primary_source", None) == Lit(False)


def test_show_value() -> None:
    assert [show_value(v) for v in (True, "a", 2.0, 2.5, None, ("x", 1))] == [
        "true",
        "'a'",
        "2",
        "2.5",
        "unanswered",
        "['x', 1]",
    ]


# --- properties -------------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    [
        "primary_source", "corroborated", "accuracy", "note", "chain.hops", "sources.any_partisan",
        "sources.worst_reliability", "claim.check_worthiness", "yes", "no", "D", "answered",
        "and", "or", "not", "in", "true", "false", "==", "!=", "<", "<=", ">", ">=", "(", ")",
        "[", "]", ",", "'yes'", '"x"', "0", "1", "4", "-2", "0.5", "=", ".", "'", "\\", "@",
    ]
)  # fmt: skip


@settings(max_examples=250, deadline=None)
@given(st.text(max_size=60))
def test_parser_returns_a_tree_or_raises_checklist_error_on_any_text(text: str) -> None:
    try:
        tree = parse_expr(text)
    except ExprError as error:
        # Every refusal points into the text (or just past its end) or names no column at all.
        assert error.column is None or 1 <= error.column <= len(text) + 1
        return
    # A tree only ever holds names that were written in the text.
    assert all(node.name in text for node in walk(tree) if isinstance(node, Name))


@settings(max_examples=250, deadline=None)
@given(st.lists(ALPHABET, max_size=14).map(" ".join))
def test_checker_returns_an_expr_or_raises_checklist_error_on_token_soup(text: str) -> None:
    try:
        expr = compile_expr(text, VARIABLES, expect=None)
    except ChecklistError as error:
        assert str(error)
        return
    assert expr.source == text
    assert expr.names <= set(VARIABLES)
    assert all(name in text for name in expr.names)


ENVIRONMENTS = st.fixed_dictionaries(
    {
        "primary_source": st.sampled_from(["yes", "no", "unclear", None]),
        "corroborated": st.sampled_from(["yes", "no", "unclear", None]),
        "accuracy": st.sampled_from([1, 2, 3, 4, 5, None]),
        "note": st.sampled_from(["x", "seen", None]),
        "chain.hops": st.integers(0, 5),
        "sources.any_partisan": st.booleans(),
        "sources.worst_reliability": st.sampled_from(list("ABCDEF")),
        "claim.check_worthiness": st.floats(0, 1),
    }
)


@settings(max_examples=250, deadline=None)
@given(st.lists(ALPHABET, max_size=14).map(" ".join), ENVIRONMENTS)
def test_checked_expressions_evaluate_without_error_and_substitution_agrees(
    text: str, env: dict[str, Value]
) -> None:
    try:
        expr = compile_expr(text, VARIABLES, expect=None)
    except ChecklistError:
        return
    value = evaluate(expr.node, env)
    folded = expr.node
    for name in sorted(expr.names):
        folded = substitute(folded, name, env.get(name))
    assert evaluate(folded, {}) == value
    if expr.names and isinstance(expr.node, Compare | Var):
        assert folded == Lit(value)


# --- expressions generated from the grammar ---------------------------------------------------
#
# Each generated expression comes with its meaning computed here, independently of the evaluator:
# an unanswered value makes every comparison false except != and 'not in'; 'and' needs every part
# true; 'or' one part true; 'not' is true unless its part is true; ordered choices compare by their
# position on the scale, and a value off the scale is neither before nor after any other.

Meaning = Callable[[Mapping[str, Value]], bool]
RELIABILITY = "ABCDEF"
CHOICES = ("yes", "no", "unclear")
OPS: dict[str, Callable[[object, object], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
}


def _meaning_of_comparison(
    name: str, op: str, literal: object, key: Callable[[object], object]
) -> Meaning:
    def meaning(env: Mapping[str, Value]) -> bool:
        value = env.get(name)
        if value is None:
            return op == "!="
        if op in ("==", "!="):
            return OPS[op](value, literal)
        left, right = key(value), key(literal)
        if left is None or right is None:
            return False
        return OPS[op](left, right)

    return meaning


def _scale_position(value: object) -> int | None:
    return RELIABILITY.index(value) if isinstance(value, str) and value in RELIABILITY else None


def _same(value: object) -> object:
    return value


CHOICE_COMPARISONS = st.builds(
    lambda name, op, literal, quoted: (
        f"{name} {op} {repr(literal) if quoted else literal}",
        _meaning_of_comparison(name, op, literal, _same),
    ),
    st.sampled_from(["primary_source", "corroborated"]),
    st.sampled_from(["==", "!="]),
    st.sampled_from(CHOICES),
    st.booleans(),
)
NUMBER_COMPARISONS = st.builds(
    lambda name, op, literal: (
        f"{name} {op} {literal}",
        _meaning_of_comparison(name, op, literal, _same),
    ),
    st.sampled_from(["accuracy", "chain.hops"]),
    st.sampled_from(list(OPS)),
    st.integers(1, 5),
)
ORDERED_COMPARISONS = st.builds(
    lambda op, literal: (
        f"sources.worst_reliability {op} {literal}",
        _meaning_of_comparison("sources.worst_reliability", op, literal, _scale_position),
    ),
    st.sampled_from(list(OPS)),
    st.sampled_from(RELIABILITY),
)


def _membership(name: str, negated: bool, items: list[str]) -> tuple[str, Meaning]:
    def meaning(env: Mapping[str, Value]) -> bool:
        value = env.get(name)
        if value is None:
            return negated
        return (value in items) != negated

    op = "not in" if negated else "in"
    return f"{name} {op} [{', '.join(items)}]", meaning


MEMBERSHIPS = st.builds(
    _membership,
    st.sampled_from(["primary_source", "corroborated"]),
    st.booleans(),
    st.lists(st.sampled_from(CHOICES), min_size=1, max_size=3, unique=True),
)
FLAGS = st.sampled_from(
    [
        ("sources.any_partisan", lambda env: env.get("sources.any_partisan") is True),
        ("answered(primary_source)", lambda env: env.get("primary_source") is not None),
        ("answered(accuracy)", lambda env: env.get("accuracy") is not None),
        ("true", lambda env: True),
        ("false", lambda env: False),
    ]
)
ATOMS = st.one_of(CHOICE_COMPARISONS, NUMBER_COMPARISONS, ORDERED_COMPARISONS, MEMBERSHIPS, FLAGS)


def _not(part: tuple[str, Meaning]) -> tuple[str, Meaning]:
    text, meaning = part
    return f"not ({text})", lambda env: meaning(env) is not True


def _join(word: str, parts: list[tuple[str, Meaning]]) -> tuple[str, Meaning]:
    text = f" {word} ".join(f"({part})" for part, _ in parts)
    meanings = [meaning for _, meaning in parts]
    if word == "and":
        return text, lambda env: all(meaning(env) for meaning in meanings)
    return text, lambda env: any(meaning(env) for meaning in meanings)


EXPRESSIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        inner.map(_not),
        st.builds(_join, st.sampled_from(["and", "or"]), st.lists(inner, min_size=2, max_size=4)),
    ),
    max_leaves=12,
)
GRAMMAR_ENVIRONMENTS = st.fixed_dictionaries(
    {
        "primary_source": st.sampled_from([*CHOICES, None]),
        "corroborated": st.sampled_from([*CHOICES, None]),
        "accuracy": st.sampled_from([1, 2, 3, 4, 5, None]),
        "chain.hops": st.sampled_from([0, 1, 2, 3, None]),
        "sources.any_partisan": st.sampled_from([True, False, None]),
        # "Z" is off the scale: an ordered comparison with it is false, never an error.
        "sources.worst_reliability": st.sampled_from([*RELIABILITY, "Z", None]),
    }
)


@settings(max_examples=250, deadline=None)
@given(EXPRESSIONS, GRAMMAR_ENVIRONMENTS)
def test_generated_expressions_evaluate_to_their_meaning(
    generated: tuple[str, Meaning], env: dict[str, Value]
) -> None:
    text, meaning = generated
    expr = compile_expr(text, VARIABLES)
    # A rule or condition holds when its value is true; a bare unanswered name is not true.
    assert (evaluate(expr.node, env) is True) is meaning(env)


@settings(max_examples=250, deadline=None)
@given(EXPRESSIONS, GRAMMAR_ENVIRONMENTS, st.data())
def test_substitution_folds_to_the_meaning(
    generated: tuple[str, Meaning], env: dict[str, Value], data: st.DataObject
) -> None:
    text, meaning = generated
    expr = compile_expr(text, VARIABLES)
    names = data.draw(st.permutations(sorted(expr.names)))
    known = data.draw(st.integers(0, len(names)))
    folded = expr.node
    for name in names[:known]:
        folded = substitute(folded, name, env[name])
    # Partly substituted, the rest of the environment decides; once every name is substituted, the
    # whole tree has folded to one literal.
    assert (evaluate(folded, env) is True) is meaning(env)
    for name in names[known:]:
        folded = substitute(folded, name, env[name])
    if names:
        assert isinstance(folded, Lit)
        assert (folded.value is True) is meaning(env)
        if not isinstance(expr.node, Var):
            # Anything but a bare name is true or false, never unanswered.
            assert folded == Lit(meaning(env))


def test_folding_an_and_of_true_parts_gives_true_and_an_or_of_false_parts_false() -> None:
    both = compile_expr("answered(primary_source) and answered(accuracy)", VARIABLES).node
    folded = substitute(substitute(both, "primary_source", "yes"), "accuracy", 3)
    assert folded == Lit(True)
    either = compile_expr("answered(primary_source) or answered(accuracy)", VARIABLES).node
    folded = substitute(substitute(either, "primary_source", None), "accuracy", None)
    assert folded == Lit(False)


def test_not_of_an_unknown_flag_is_true_when_folded_and_evaluated() -> None:
    expr = compile_expr("not sources.any_partisan", VARIABLES)
    assert substitute(expr.node, "sources.any_partisan", None) == Lit(True)
    assert evaluate(expr.node, {}) is True


def test_ordered_comparison_with_a_value_off_the_scale_is_false() -> None:
    order = tuple(RELIABILITY)
    assert compare("<", "Z", "B", order) is False
    assert compare(">=", "B", "Z", order) is False
    assert compare("<", "A", "B", order) is True


def test_expressions_up_to_the_length_limit_are_accepted() -> None:
    base = "primary_source == yes"
    longest = base + " " * (MAX_LENGTH - len(base))
    assert compile_expr(longest, VARIABLES).names == {"primary_source"}
    with pytest.raises(ExprError) as caught:
        compile_expr(longest + " ", VARIABLES)
    assert caught.value.reason == f"expression is longer than {MAX_LENGTH} characters"


# --- strings, lists, partial substitution, types ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("'a\\'b'", "a'b"),
        ('"say \\"no\\""', 'say "no"'),
        ("'tab\\there'", "tab\there"),
        ("'line\\nbreak'", "line\nbreak"),
        ("'back\\\\slash'", "back\\slash"),
        ("'\\\\'", "\\"),
        ("'plain'", "plain"),
    ],
)
def test_strings_read_their_escapes(text: str, value: str) -> None:
    token = tokenize(text)[0]
    assert (token.kind, token.value, token.text) == (Tok.STRING, value, text)
    assert tokenize(text)[1].kind is Tok.END


@pytest.mark.parametrize(
    ("text", "reason", "column"),
    [
        ("'a\\qb'", "unknown escape in string; use \\\\, \\', \\\", \\n or \\t", 3),
        ("x == 'open", "string is not closed", 6),
        ("x in [yes no]", "expected ',' between list items, got 'no'", 11),
        ("x in [yes, and]", "expected a value in the list, got 'and'", 12),
    ],
)
def test_strings_and_lists_name_what_is_wrong_and_where(
    text: str, reason: str, column: int
) -> None:
    with pytest.raises(ExprError) as caught:
        parse_expr(text)
    assert (caught.value.reason, caught.value.column) == (reason, column)


ORDERED = ValueType(TypeKind.CHOICE, choices=tuple("ABCDEF"), ordered=True)
PAIRS = {
    "first": Variable("first", ORDERED, answer=True),
    "second": Variable("second", ORDERED, answer=True),
    "primary_source": VARIABLES["primary_source"],
    "corroborated": VARIABLES["corroborated"],
}


def test_substituting_one_side_of_a_comparison_keeps_the_other_and_its_order() -> None:
    expr = compile_expr("first < second", PAIRS)
    folded = substitute(expr.node, "first", "B")
    assert folded == Compare("<", Lit("B"), Var("second"), 7, tuple("ABCDEF"))
    assert [evaluate(folded, {"second": s}) for s in "ABD"] == [False, False, True]
    other = substitute(expr.node, "second", "B")
    assert other == Compare("<", Var("first"), Lit("B"), 7, tuple("ABCDEF"))
    assert [evaluate(other, {"first": f}) for f in "ABD"] == [True, False, False]


def test_substituting_a_name_a_comparison_does_not_read_leaves_it_as_it_was() -> None:
    expr = compile_expr("primary_source == corroborated", PAIRS)
    assert substitute(expr.node, "first", "A") is expr.node
    folded = substitute(expr.node, "corroborated", "no")
    assert folded == Compare("==", Var("primary_source"), Lit("no"), 16, None)


def test_walk_visits_every_branch_and_the_default_of_a_case() -> None:
    yes = compile_expr("primary_source == yes", PAIRS)
    no = compile_expr("corroborated == no", PAIRS)
    case = make_case("two branches", [(yes, "supported"), (no, None)], "open", YES_NO)
    nodes = list(walk(case.node))
    assert nodes == [
        case.node,
        yes.node, Var("primary_source"), Lit("yes"), Lit("supported"),
        no.node, Var("corroborated"), Lit("no"), Lit(None),
        Lit("open"),
    ]  # fmt: skip
    assert names_in(case.node) == {"primary_source", "corroborated"}
    without_default = make_case("one branch", [(yes, "supported")], None, YES_NO)
    assert list(walk(without_default.node))[-1] == Lit("supported")


@pytest.mark.parametrize(
    "vtype",
    [
        ValueType(TypeKind.NUMBER, low=1, high=None, integer=True),
        ValueType(TypeKind.NUMBER, low=None, high=5, integer=True),
        ValueType(TypeKind.NUMBER, low=0, high=1, integer=False),
        ValueType(TypeKind.TEXT),
    ],
)
def test_only_bounded_whole_numbers_choices_and_booleans_have_a_set_of_values(
    vtype: ValueType,
) -> None:
    with pytest.raises(ValueError) as caught:
        vtype.values()
    assert str(caught.value) == f"{vtype.describe()} has no finite set of values"
    assert ValueType(TypeKind.NUMBER, low=1, high=3, integer=True).values() == (1, 2, 3)
