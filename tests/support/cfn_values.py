"""CloudFormation's intrinsic functions, evaluated against one test deployment's names.

The test stack (aws_stack.py) and the per-role permissions (iam_roles.py)
read the template rather than restate it: Ref, Fn::GetAtt, Fn::Sub (both
forms), Fn::If / Conditions, Fn::Join, Fn::Select, Fn::Split, Fn::Equals,
Fn::And, Fn::Or, Fn::Not and AWS::NoValue resolve here. Anything else raises,
naming what to teach this module, rather than guessing.
"""

import re
from dataclasses import dataclass, field
from typing import Any

NO_VALUE = object()  # what AWS::NoValue leaves: the enclosing list item or key disappears


@dataclass
class Names:
    """What Ref / GetAtt resolve to in this deployment, and the template's Conditions."""

    refs: dict[str, Any] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)
    conditions: dict[str, Any] = field(default_factory=dict)

    def condition(self, name: str) -> bool:
        return bool(evaluate(self.conditions[name], self))


def evaluate(value: Any, names: Names) -> Any:
    """The value with every intrinsic function replaced by what CloudFormation would put there."""
    if isinstance(value, list):
        items = [evaluate(item, names) for item in value]
        return [item for item in items if item is not NO_VALUE]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, argument),) = value.items()
        function = _FUNCTIONS.get(key)
        if function is not None:
            return function(argument, names)
        if key.startswith("Fn::"):
            raise ValueError(f"{key} is not evaluated by tests/support/cfn_values.py: teach it")
    items = {k: evaluate(v, names) for k, v in value.items()}
    return {k: v for k, v in items.items() if v is not NO_VALUE}


def _ref(name: str, names: Names) -> Any:
    if name == "AWS::NoValue":
        return NO_VALUE
    if name not in names.refs:
        raise ValueError(f"Ref {name} has no value in the test deployment: teach tests/support/aws_stack.py")
    return names.refs[name]


def _get_att(target: Any, names: Names) -> str:
    key = target if isinstance(target, str) else ".".join(evaluate(target, names))
    if key not in names.attrs:
        raise ValueError(
            f"Fn::GetAtt {key} has no value in the test deployment: teach tests/support/aws_stack.py"
        )
    return names.attrs[key]


def _sub(argument: Any, names: Names) -> str:
    text, variables = (argument, {}) if isinstance(argument, str) else argument
    local = {k: evaluate(v, names) for k, v in variables.items()}

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("!"):
            return "${" + name[1:] + "}"
        if name in local:
            return str(local[name])
        if "." in name:
            return _get_att(name, names)
        return str(_ref(name, names))

    return re.sub(r"\$\{([^}]+)\}", one, text)


def _if(argument: list[Any], names: Names) -> Any:
    condition, when_true, when_false = argument
    return evaluate(when_true if names.condition(condition) else when_false, names)


def _join(argument: list[Any], names: Names) -> str:
    separator, items = argument
    return str(separator).join(str(item) for item in evaluate(items, names))


def _select(argument: list[Any], names: Names) -> Any:
    index, items = argument
    return evaluate(items, names)[int(evaluate(index, names))]


def _split(argument: list[Any], names: Names) -> list[str]:
    separator, text = argument
    return str(evaluate(text, names)).split(separator)


def _equals(argument: list[Any], names: Names) -> bool:
    left, right = (evaluate(item, names) for item in argument)
    return str(left) == str(right)


_FUNCTIONS: dict[str, Any] = {
    "Ref": _ref,
    "Fn::GetAtt": _get_att,
    "Fn::Sub": _sub,
    "Fn::If": _if,
    "Fn::Join": _join,
    "Fn::Select": _select,
    "Fn::Split": _split,
    "Fn::Equals": _equals,
    "Fn::And": lambda argument, names: all(evaluate(item, names) for item in argument),
    "Fn::Or": lambda argument, names: any(evaluate(item, names) for item in argument),
    "Fn::Not": lambda argument, names: not evaluate(argument[0], names),
    "Condition": lambda name, names: names.condition(name),
}


class DeploymentRefused(Exception):
    """What CloudFormation answers before creating anything: a parameter or a Rules assertion failed."""


def refusals(template: dict[str, Any], values: dict[str, str]) -> list[str]:
    """Why CloudFormation would refuse these parameter values: AllowedValues, AllowedPattern, then Rules."""
    found = []
    parameters = template.get("Parameters", {})
    values = {name: str(p.get("Default", "")) for name, p in parameters.items()} | values
    for name, parameter in parameters.items():
        value = str(values[name])
        allowed = parameter.get("AllowedValues")
        if allowed is not None and value not in [str(a) for a in allowed]:
            found.append(f"{name}: {value!r} is not one of {allowed}")
        pattern = parameter.get("AllowedPattern")
        if pattern is not None and re.fullmatch(pattern, value) is None:
            found.append(f"{name}: {parameter.get('ConstraintDescription', 'does not match ' + pattern)}")
    names = Names(refs=dict(values))
    for rule in template.get("Rules", {}).values():
        if "RuleCondition" in rule and not evaluate(rule["RuleCondition"], names):
            continue
        found += [a["AssertDescription"] for a in rule["Assertions"] if not evaluate(a["Assert"], names)]
    return found
