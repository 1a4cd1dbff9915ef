"""Stage ⑤ checklist: the expression language of `when`, `prefill` and verdict rules.

Text is tokenized, parsed by recursive descent, type-checked against the names in scope (in
:mod:`factcheck.checklist.compile`) and then evaluated by walking the tree; nothing is ever handed
to ``eval``. Every failure is an :class:`ExprError`, a :class:`~factcheck.errors.ChecklistError`.

Values are ``bool``, ``int``/``float``, ``str``, tuples of those (list literals) and ``None``, which
stands for a question that was not answered (or not asked). A comparison with ``None`` on either
side is false, except ``!=`` and ``not in``, which are true.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from factcheck import regexes
from factcheck.errors import ChecklistError

MAX_LENGTH = 2000
"""Longest expression accepted, in characters."""
MAX_DEPTH = 40
"""Deepest nesting of parentheses and `not` accepted."""

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "answered"})
"""Words that cannot be question ids or bare answer values."""

Value = bool | int | float | str | tuple["Value", ...] | None


class ExprError(ChecklistError):
    """An expression is malformed or does not type-check."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message if column is None else f"{message} (column {column})")
        self.reason = message
        """The message without the column."""
        self.column = column
        """1-based column in the expression text where the problem is, when known."""


# --- types -------------------------------------------------------------------------------------


class TypeKind(enum.StrEnum):
    """The kinds of value an expression can have."""

    BOOL = "boolean"
    NUMBER = "number"
    TEXT = "text"
    CHOICE = "choice"
    LIST = "list"


@dataclass(frozen=True, slots=True)
class ValueType:
    """The type of a name or an expression, precise enough to check literals against it."""

    kind: TypeKind
    """Which kind of value."""
    choices: tuple[str, ...] = ()
    """CHOICE: the allowed values, in order."""
    ordered: bool = False
    """CHOICE: values compare with < and > by their position (A before B ...)."""
    low: float | None = None
    """NUMBER: the smallest possible value, if bounded."""
    high: float | None = None
    """NUMBER: the largest possible value, if bounded."""
    integer: bool = False
    """NUMBER: only whole numbers occur."""

    @property
    def finite(self) -> bool:
        """Whether the type has a small, fully known set of values."""
        if self.kind is TypeKind.NUMBER:
            return self.integer and self.low is not None and self.high is not None
        return self.kind in (TypeKind.BOOL, TypeKind.CHOICE)

    def values(self) -> tuple[Value, ...]:
        """Every value of a finite type, in order."""
        if self.kind is TypeKind.BOOL:
            return (False, True)
        if self.kind is TypeKind.CHOICE:
            return self.choices
        if self.finite and self.low is not None and self.high is not None:
            return tuple(range(int(self.low), int(self.high) + 1))
        raise ValueError(f"{self.describe()} has no finite set of values")

    def describe(self) -> str:
        """The type in words, for error messages."""
        if self.kind is TypeKind.CHOICE:
            return "one of " + ", ".join(self.choices)
        if self.kind is TypeKind.NUMBER:
            if self.low is not None and self.low == self.high:
                return "a number"
            whole = "a whole number" if self.integer else "a number"
            if self.low is not None and self.high is not None:
                return f"{whole} from {show_number(self.low)} to {show_number(self.high)}"
            if self.low is not None:
                return f"{whole}, {show_number(self.low)} or more"
            return whole
        if self.kind is TypeKind.BOOL:
            return "true or false"
        if self.kind is TypeKind.LIST:
            return "a list"
        return "text"


BOOL = ValueType(TypeKind.BOOL)
TEXT = ValueType(TypeKind.TEXT)


def show_number(value: float) -> str:
    """A number as written in an expression: whole numbers without a decimal point."""
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True, slots=True)
class Variable:
    """A name an expression may read: a question's answer or a claim/source fact."""

    name: str
    """The name as written in expressions."""
    type: ValueType
    """Its type."""
    answer: bool = False
    """True for a question's answer, which may be unanswered (None)."""


# --- syntax tree -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lit:
    """A literal value (or, after partial evaluation, a known value)."""

    value: Value


@dataclass(frozen=True, slots=True)
class Name:
    """A name as parsed, before it is resolved to a variable or a bare answer value."""

    name: str
    column: int


@dataclass(frozen=True, slots=True)
class Var:
    """A resolved variable."""

    name: str


@dataclass(frozen=True, slots=True)
class ListLit:
    """A list literal as parsed: each item a literal or a bare name."""

    items: tuple[Lit | Name, ...]
    column: int


@dataclass(frozen=True, slots=True)
class Compare:
    """A comparison; ``order`` ranks the values of an ordered choice for < and >."""

    op: str
    left: Node
    right: Node
    column: int = 0
    order: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class And:
    """All items hold."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one item holds."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The item does not hold."""

    item: Node


@dataclass(frozen=True, slots=True)
class Answered:
    """``answered(question)``: the question has an answer."""

    item: Node
    column: int = 0


@dataclass(frozen=True, slots=True)
class Case:
    """The value of the first branch whose condition holds, else the default (or None)."""

    branches: tuple[tuple[Node, Node], ...]
    default: Node | None


Node = Lit | Name | Var | ListLit | Compare | And | Or | Not | Answered | Case


@dataclass(frozen=True, slots=True)
class Expr:
    """A checked expression: its text, its resolved tree, its type and the names it reads."""

    source: str
    """The expression as written in the checklist."""
    node: Node
    """The resolved syntax tree."""
    type: ValueType
    """The type of its value."""
    names: frozenset[str]
    """The variables it reads."""

    def evaluate(self, env: Mapping[str, object]) -> Value:
        """Evaluate with ``env`` mapping names to values; a missing name is unanswered."""
        return evaluate(self.node, env)

    def __str__(self) -> str:
        return self.source


# --- tokenizer ---------------------------------------------------------------------------------


class Tok(enum.StrEnum):
    """Token kinds."""

    NAME = "name"
    NUMBER = "number"
    STRING = "string"
    OP = "operator"
    PUNCT = "punctuation"
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    """One token with its 1-based column."""

    kind: Tok
    text: str
    column: int
    value: Value = None


_NAME = regexes.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_NUMBER = regexes.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DIGITS = "0123456789"
_OPS = ("==", "!=", "<=", ">=", "<", ">")
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t"}


def tokenize(text: str) -> list[Token]:
    """Split expression text into tokens, ending with an END token."""
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression is longer than {MAX_LENGTH} characters")
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        column = i + 1
        if char in " \t\r\n":
            i += 1
            continue
        if char in "'\"":
            value, i = _read_string(text, i)
            tokens.append(Token(Tok.STRING, text[column - 1 : i], column, value))
            continue
        negative = char == "-" and text[i + 1 : i + 2] != "" and text[i + 1] in _DIGITS
        if char in _DIGITS or negative:
            match = _NUMBER.match(text, i)
            assert match is not None
            raw = match.group()
            number: int | float = float(raw) if "." in raw else int(raw)
            i = match.end()
            if i < len(text) and (text[i].isalnum() or text[i] in "_."):
                raise ExprError(f"malformed number {text[column - 1 : i + 1]!r}", column)
            tokens.append(Token(Tok.NUMBER, raw, column, number))
            continue
        match = _NAME.match(text, i)
        if match:
            i = match.end()
            if i < len(text) and text[i] == ".":
                raise ExprError(f"malformed name {text[column - 1 : i + 1]!r}", column)
            tokens.append(Token(Tok.NAME, match.group(), column))
            continue
        op = next((op for op in _OPS if text.startswith(op, i)), None)
        if op is not None:
            tokens.append(Token(Tok.OP, op, column))
            i += len(op)
            continue
        if char in "()[],":
            tokens.append(Token(Tok.PUNCT, char, column))
            i += 1
            continue
        if char == "=":
            raise ExprError("unexpected '='; compare with '=='", column)
        raise ExprError(f"unexpected character {char!r}", column)
    tokens.append(Token(Tok.END, "", len(text) + 1))
    return tokens


def _read_string(text: str, start: int) -> tuple[str, int]:
    quote = text[start]
    out: list[str] = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == quote:
            return "".join(out), i + 1
        if char == "\\":
            escaped = _ESCAPES.get(text[i + 1 : i + 2])
            if escaped is None:
                raise ExprError("unknown escape in string; use \\\\, \\', \\\", \\n or \\t", i + 1)
            out.append(escaped)
            i += 2
            continue
        out.append(char)
        i += 1
    raise ExprError("string is not closed", start + 1)


# --- parser ------------------------------------------------------------------------------------


def parse_expr(text: str) -> Node:
    """Parse expression text into an unresolved syntax tree."""
    if not text.strip():
        raise ExprError("empty expression")
    return _Parser(tokenize(text)).parse()


def _describe_token(token: Token) -> str:
    return "end of text" if token.kind is Tok.END else repr(token.text)


class _Parser:
    """Recursive descent: or > and > not > comparison > primary."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def at(self, kind: Tok, text: str | None = None) -> bool:
        token = self.token
        return token.kind is kind and (text is None or token.text == text)

    def at_word(self, word: str) -> bool:
        return self.at(Tok.NAME, word)

    def advance(self) -> Token:
        token = self.token
        if token.kind is not Tok.END:
            self.pos += 1
        return token

    def expect(self, kind: Tok, text: str, after: str) -> Token:
        if not self.at(kind, text):
            raise ExprError(
                f"expected {text!r} {after}, got {_describe_token(self.token)}", self.token.column
            )
        return self.advance()

    def nest(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression is nested more than {MAX_DEPTH} deep", column)

    def parse(self) -> Node:
        node = self.parse_or()
        if not self.at(Tok.END):
            raise ExprError(
                f"unexpected {_describe_token(self.token)} after a complete expression",
                self.token.column,
            )
        return node

    def parse_or(self) -> Node:
        items = [self.parse_and()]
        while self.at_word("or"):
            self.advance()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node:
        items = [self.parse_not()]
        while self.at_word("and"):
            self.advance()
            items.append(self.parse_not())
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_not(self) -> Node:
        if self.at_word("not"):
            self.nest(self.advance().column)
            item = self.parse_not()
            self.depth -= 1
            return Not(item)
        return self.parse_comparison()

    def comparison_op(self) -> str | None:
        if self.at(Tok.OP):
            return self.token.text
        if self.at_word("in"):
            return "in"
        nxt = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else self.token
        if self.at_word("not") and nxt.kind is Tok.NAME and nxt.text == "in":
            return "not in"
        return None

    def parse_comparison(self) -> Node:
        left = self.parse_primary()
        op = self.comparison_op()
        if op is None:
            return left
        column = self.token.column
        self.advance()
        if op == "not in":
            self.advance()
        right = self.parse_primary()
        if self.comparison_op() is not None:
            raise ExprError(
                "comparisons cannot be chained; join them with 'and'", self.token.column
            )
        return Compare(op, left, right, column)

    def parse_primary(self) -> Node:
        token = self.token
        if token.kind is Tok.PUNCT and token.text == "(":
            self.nest(self.advance().column)
            node = self.parse_or()
            self.depth -= 1
            self.expect(Tok.PUNCT, ")", f"to close the '(' at column {token.column}")
            return node
        if token.kind is Tok.PUNCT and token.text == "[":
            return self.parse_list()
        if token.kind is Tok.NAME and token.text == "answered":
            self.advance()
            self.expect(Tok.PUNCT, "(", "after 'answered'")
            arg = self.token
            if arg.kind is not Tok.NAME or arg.text in KEYWORDS:
                raise ExprError(
                    f"expected a question id in answered(...), got {_describe_token(arg)}",
                    arg.column,
                )
            self.advance()
            self.expect(Tok.PUNCT, ")", "to close answered(...)")
            return Answered(Name(arg.text, arg.column), token.column)
        literal = self.parse_literal()
        if literal is not None:
            return literal
        if token.kind is Tok.NAME and token.text not in KEYWORDS:
            self.advance()
            return Name(token.text, token.column)
        raise ExprError(
            f"expected a name, a value or '(', got {_describe_token(token)}", token.column
        )

    def parse_literal(self) -> Lit | None:
        token = self.token
        if token.kind in (Tok.STRING, Tok.NUMBER):
            self.advance()
            return Lit(token.value)
        if token.kind is Tok.NAME and token.text in ("true", "false"):
            self.advance()
            return Lit(token.text == "true")
        return None

    def parse_list(self) -> ListLit:
        start = self.advance()
        items: list[Lit | Name] = []
        while not self.at(Tok.PUNCT, "]"):
            if items:
                self.expect(Tok.PUNCT, ",", "between list items")
            token = self.token
            literal = self.parse_literal()
            if literal is not None:
                items.append(literal)
            elif token.kind is Tok.NAME and token.text not in KEYWORDS:
                self.advance()
                items.append(Name(token.text, token.column))
            else:
                raise ExprError(
                    f"expected a value in the list, got {_describe_token(token)}", token.column
                )
        self.advance()
        return ListLit(tuple(items), start.column)


# --- evaluation --------------------------------------------------------------------------------


_ORDERING = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def compare(op: str, left: Value, right: Value, order: tuple[str, ...] | None = None) -> bool:
    """Apply a comparison operator, with unanswered (None) making everything but != false."""
    if left is None or right is None:
        return op in ("!=", "not in")
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op in ("in", "not in"):
        return isinstance(right, tuple) and (left in right) == (op == "in")
    if order is not None:
        if left not in order or right not in order:
            return False
        left, right = order.index(str(left)), order.index(str(right))
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right))
    if not (numbers or (isinstance(left, str) and isinstance(right, str))):
        return False
    return bool(_ORDERING[op](left, right))


def evaluate(node: Node, env: Mapping[str, object]) -> Value:
    """Evaluate a resolved tree; names missing from ``env`` are unanswered (None)."""
    if isinstance(node, Lit):
        return node.value
    if isinstance(node, Var):
        return _as_value(env.get(node.name))
    if isinstance(node, Compare):
        return compare(node.op, evaluate(node.left, env), evaluate(node.right, env), node.order)
    if isinstance(node, And):
        return all(evaluate(item, env) is True for item in node.items)
    if isinstance(node, Or):
        return any(evaluate(item, env) is True for item in node.items)
    if isinstance(node, Not):
        return evaluate(node.item, env) is not True
    if isinstance(node, Answered):
        return evaluate(node.item, env) is not None
    if isinstance(node, Case):
        for condition, value in node.branches:
            if evaluate(condition, env) is True:
                return evaluate(value, env)
        return None if node.default is None else evaluate(node.default, env)
    if isinstance(node, Name):
        raise ExprError(f"the name '{node.name}' was never resolved", node.column)
    raise ExprError("a list can only follow 'in' or 'not in'", node.column)


def _as_value(value: object) -> Value:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list):
        return tuple(_as_value(item) for item in value)
    raise ExprError(f"cannot use a {type(value).__name__} in an expression")


def substitute(node: Node, name: str, value: Value) -> Node:
    """Partially evaluate: replace ``name`` by ``value`` and fold everything that becomes known."""
    if isinstance(node, Lit):
        return node
    if isinstance(node, Var):
        return Lit(value) if node.name == name else node
    if isinstance(node, Compare):
        left = substitute(node.left, name, value)
        right = substitute(node.right, name, value)
        if isinstance(left, Lit) and isinstance(right, Lit):
            return Lit(compare(node.op, left.value, right.value, node.order))
        if left is node.left and right is node.right:
            return node
        return Compare(node.op, left, right, node.column, node.order)
    if isinstance(node, And | Or):
        stop = isinstance(node, Or)
        items: list[Node] = []
        for item in node.items:
            folded = substitute(item, name, value)
            if isinstance(folded, Lit):
                # Only true counts as true: an unanswered part fails an 'and' like false does.
                if (folded.value is True) is stop:
                    return Lit(stop)
                continue
            items.append(folded)
        if not items:
            return Lit(not stop)
        if len(items) == 1 and isinstance(items[0], Compare | And | Or | Not | Answered):
            # Always true or false on its own; a bare name could be unanswered, so it keeps its
            # 'and'/'or', which makes unanswered false.
            return items[0]
        return And(tuple(items)) if isinstance(node, And) else Or(tuple(items))
    if isinstance(node, Not):
        item = substitute(node.item, name, value)
        if isinstance(item, Lit):
            return Lit(item.value is not True)
        return node if item is node.item else Not(item)
    if isinstance(node, Answered):
        item = substitute(node.item, name, value)
        return Lit(item.value is not None) if isinstance(item, Lit) else node
    if isinstance(node, Case):
        branches: list[tuple[Node, Node]] = []
        default = node.default
        for condition, result in node.branches:
            folded = substitute(condition, name, value)
            if isinstance(folded, Lit):
                if folded.value is True:
                    # Later branches and the default can no longer be reached.
                    default = result
                    break
                continue
            branches.append((folded, substitute(result, name, value)))
        if default is not None:
            default = substitute(default, name, value)
        if not branches:
            return Lit(None) if default is None else default
        return Case(tuple(branches), default)
    return node


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, parents before children."""
    yield node
    if isinstance(node, Compare):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, And | Or):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Not | Answered):
        yield from walk(node.item)
    elif isinstance(node, Case):
        for condition, value in node.branches:
            yield from walk(condition)
            yield from walk(value)
        if node.default is not None:
            yield from walk(node.default)
    elif isinstance(node, ListLit):
        yield from node.items


def names_in(node: Node) -> frozenset[str]:
    """The variables a resolved tree reads."""
    return frozenset(item.name for item in walk(node) if isinstance(item, Var))


def show_value(value: Value) -> str:
    """A value as it would be written in an expression."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(show_value(item) for item in value) + "]"
    if value is None:
        return "unanswered"
    return show_number(value)
