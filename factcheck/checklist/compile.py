"""Stage ⑤ checklist: the type checker of the expression language.

:func:`compile_expr` parses an expression (:mod:`factcheck.checklist.expr`), resolves every name
against the variables in scope and checks each comparison and literal against the types of the
names it meets, so a checklist with a typo or an impossible comparison is refused when it loads,
with the column of the problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from factcheck.checklist.expr import (
    BOOL,
    TEXT,
    And,
    Answered,
    Case,
    Compare,
    Expr,
    ExprError,
    ListLit,
    Lit,
    Name,
    Node,
    Not,
    Or,
    TypeKind,
    Value,
    ValueType,
    Var,
    Variable,
    parse_expr,
    show_value,
)


def compile_expr(
    text: str,
    variables: Mapping[str, Variable],
    *,
    expect: ValueType | None = BOOL,
    unavailable: Mapping[str, str] | None = None,
) -> Expr:
    """Parse and type-check ``text``.

    ``variables`` are the names in scope; ``unavailable`` maps names that exist but may not be used
    here to the reason why. ``expect`` is the kind of value the expression must have (None: any).
    """
    node = parse_expr(text)
    checker = _Checker(variables, unavailable or {})
    resolved, vtype = checker.check(node)
    if expect is not None and vtype.kind is not expect.kind:
        raise ExprError(
            f"expected {expect.describe()}, got {_describe_node(node, vtype)}" + _hint(node, vtype),
            _column(node),
        )
    return Expr(text, resolved, vtype, frozenset(checker.used))


def make_case(
    source: str,
    branches: list[tuple[Expr, str | None]],
    default: str | None,
    vtype: ValueType,
) -> Expr:
    """An expression choosing the value of the first branch whose condition holds."""
    names: set[str] = set()
    for condition, _ in branches:
        names |= condition.names
    return Expr(
        source,
        Case(
            tuple((condition.node, Lit(value)) for condition, value in branches),
            None if default is None else Lit(default),
        ),
        vtype,
        frozenset(names),
    )


def _column(node: Node) -> int | None:
    if isinstance(node, Name | ListLit | Compare | Answered):
        return node.column
    if isinstance(node, And | Or):
        return _column(node.items[0])
    if isinstance(node, Not):
        return _column(node.item)
    return None


def _describe_node(node: Node, vtype: ValueType) -> str:
    if isinstance(node, Name):
        return f"{node.name} ({vtype.describe()})"
    if isinstance(node, Lit):
        return f"{show_value(node.value)} ({vtype.describe()})"
    return vtype.describe()


def _hint(node: Node, vtype: ValueType) -> str:
    if isinstance(node, Name) and vtype.kind is TypeKind.CHOICE:
        return f"; compare it, for example {node.name} == {vtype.choices[0]}"
    if isinstance(node, Name) and vtype.kind is TypeKind.NUMBER:
        return f"; compare it, for example {node.name} >= 1"
    return ""


def _literal_type(value: Value) -> ValueType:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float):
        return ValueType(TypeKind.NUMBER, low=value, high=value)
    if isinstance(value, str):
        return TEXT
    return ValueType(TypeKind.LIST)


class _Checker:
    def __init__(self, variables: Mapping[str, Variable], unavailable: Mapping[str, str]) -> None:
        self.variables = variables
        self.unavailable = unavailable
        self.used: set[str] = set()

    def lookup(self, name: Name) -> Variable | None:
        variable = self.variables.get(name.name)
        if variable is not None:
            self.used.add(name.name)
            return variable
        reason = self.unavailable.get(name.name)
        if reason is not None:
            raise ExprError(reason, name.column)
        return None

    def unknown(self, name: Name, extra: str = "") -> ExprError:
        known = [*self.variables, *self.unavailable]
        close = difflib.get_close_matches(name.name, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        kind = "fact" if "." in name.name else "name"
        return ExprError(f"unknown {kind} '{name.name}'{extra}{hint}", name.column)

    def check(self, node: Node) -> tuple[Node, ValueType]:
        if isinstance(node, Lit):
            return node, _literal_type(node.value)
        if isinstance(node, Name):
            variable = self.lookup(node)
            if variable is None:
                raise self.unknown(node)
            return Var(variable.name), variable.type
        if isinstance(node, ListLit):
            raise ExprError("a list can only follow 'in' or 'not in'", node.column)
        if isinstance(node, And | Or):
            word = "and" if isinstance(node, And) else "or"
            items = tuple(self.check_bool(item, f"'{word}'") for item in node.items)
            return (And(items) if isinstance(node, And) else Or(items)), BOOL
        if isinstance(node, Not):
            return Not(self.check_bool(node.item, "'not'")), BOOL
        if isinstance(node, Answered):
            assert isinstance(node.item, Name)
            variable = self.lookup(node.item)
            if variable is None:
                raise self.unknown(node.item)
            if not variable.answer:
                raise ExprError(
                    f"answered() takes a question id, got the fact '{variable.name}'",
                    node.item.column,
                )
            return Answered(Var(variable.name)), BOOL
        if isinstance(node, Compare):
            return self.check_compare(node), BOOL
        raise ExprError("unsupported expression")

    def check_bool(self, node: Node, where: str) -> Node:
        resolved, vtype = self.check(node)
        if vtype.kind is not TypeKind.BOOL:
            raise ExprError(
                f"{where} needs true or false, got {_describe_node(node, vtype)}"
                + _hint(node, vtype),
                _column(node),
            )
        return resolved

    def operand(self, node: Node, other: ValueType | None) -> tuple[Node, ValueType]:
        """Resolve one side of a comparison; a bare unknown name may be a value of ``other``."""
        if isinstance(node, Name):
            variable = self.lookup(node)
            if variable is not None:
                return Var(variable.name), variable.type
            if "." not in node.name and other is not None and other.kind is TypeKind.CHOICE:
                if node.name in other.choices:
                    return Lit(node.name), _literal_type(node.name)
                raise self.unknown(node, f", and not one of {', '.join(other.choices)}")
            raise self.unknown(node)
        return self.check(node)

    def is_symbol(self, node: Node) -> bool:
        return (
            isinstance(node, Name)
            and node.name not in self.variables
            and node.name not in self.unavailable
        )

    def check_compare(self, node: Compare) -> Compare:
        if node.op in ("in", "not in"):
            return self.check_membership(node)
        if isinstance(node.right, ListLit):
            raise ExprError(
                f"a list can only follow 'in' or 'not in', not {node.op!r}", node.column
            )
        # Resolve the side that is a real variable first, so a bare word on the other side can be
        # read as one of its answers.
        if self.is_symbol(node.left) and not self.is_symbol(node.right):
            right, rtype = self.operand(node.right, None)
            left, ltype = self.operand(node.left, rtype)
        else:
            left, ltype = self.operand(node.left, None)
            right, rtype = self.operand(node.right, ltype)
        order = self.compatible(node, left, ltype, right, rtype)
        return Compare(node.op, left, right, node.column, order)

    def check_membership(self, node: Compare) -> Compare:
        if not isinstance(node.right, ListLit):
            raise ExprError(
                f"'{node.op}' needs a list such as [a, b], got something else", node.column
            )
        if not node.right.items:
            raise ExprError(f"'{node.op}' needs a list with at least one value", node.right.column)
        left, ltype = self.operand(node.left, None)
        values: list[Value] = []
        for item in node.right.items:
            resolved, itype = self.operand(item, ltype)
            if isinstance(resolved, Var):
                raise ExprError(
                    f"list items must be values, got the name '{resolved.name}'", _column(item)
                )
            assert isinstance(resolved, Lit)
            self.compatible(node, left, ltype, resolved, itype, item)
            values.append(resolved.value)
        return Compare(node.op, left, Lit(tuple(values)), node.column)

    def compatible(
        self,
        node: Compare,
        left: Node,
        ltype: ValueType,
        right: Node,
        rtype: ValueType,
        item: Node | None = None,
    ) -> tuple[str, ...] | None:
        """Check that the two sides can be compared with the operator; return the value order."""
        op = "==" if node.op in ("in", "not in") else node.op
        column = _column(item) if item is not None else node.column
        what_l = _describe_node(node.left, ltype)
        what_r = _describe_node(item if item is not None else node.right, rtype)
        if ltype.kind is not rtype.kind:
            # A literal string compared with a choice is checked against its values below.
            choice_text = {ltype.kind, rtype.kind} == {TypeKind.CHOICE, TypeKind.TEXT} and (
                isinstance(left, Lit) or isinstance(right, Lit)
            )
            if not choice_text:
                raise ExprError(f"cannot compare {what_l} with {what_r}", column)
        kinds = {ltype.kind, rtype.kind}
        if kinds == {TypeKind.NUMBER}:
            self.check_numbers(left, ltype, right, rtype, what_l, what_r, column)
            return None
        if TypeKind.CHOICE in kinds:
            return self.check_choices(op, left, ltype, right, rtype, what_l, what_r, column)
        if op in ("<", "<=", ">", ">="):
            raise ExprError(f"cannot order {what_l} and {what_r}: '{op}' compares numbers", column)
        return None

    def check_numbers(
        self,
        left: Node,
        ltype: ValueType,
        right: Node,
        rtype: ValueType,
        what_l: str,
        what_r: str,
        column: int | None,
    ) -> None:
        for literal, variable, vtype, what in (
            (right, left, ltype, what_l),
            (left, right, rtype, what_r),
        ):
            if not (isinstance(literal, Lit) and isinstance(variable, Var)):
                continue
            value = literal.value
            assert isinstance(value, int | float)
            if (vtype.low is not None and value < vtype.low) or (
                vtype.high is not None and value > vtype.high
            ):
                raise ExprError(f"{show_value(value)} is outside the range of {what}", column)
        if isinstance(left, Var) and isinstance(right, Var) and not (ltype.finite or rtype.finite):
            raise ExprError(
                f"cannot compare {what_l} with {what_r}: compare one of them with a value instead",
                column,
            )

    def check_choices(
        self,
        op: str,
        left: Node,
        ltype: ValueType,
        right: Node,
        rtype: ValueType,
        what_l: str,
        what_r: str,
        column: int | None,
    ) -> tuple[str, ...] | None:
        ordering = op in ("<", "<=", ">", ">=")
        choice = ltype if ltype.kind is TypeKind.CHOICE else rtype
        for side in (left, right):
            if isinstance(side, Lit) and side.value not in choice.choices:
                raise ExprError(
                    f"{show_value(side.value)} is not one of {', '.join(choice.choices)}", column
                )
        if (
            ltype.kind is rtype.kind
            and ltype.choices != rtype.choices
            and (not set(ltype.choices) & set(rtype.choices))
        ):
            raise ExprError(f"cannot compare {what_l} with {what_r}: no answer in common", column)
        if not ordering:
            return None
        if not choice.ordered or (ltype.kind is rtype.kind and ltype.choices != rtype.choices):
            what = what_l if ltype.kind is TypeKind.CHOICE else what_r
            raise ExprError(
                f"cannot order {what}: its values have no order; use 'in [...]'", column
            )
        return choice.choices
