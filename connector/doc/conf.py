# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sphinx configuration of the connector suite's manual.

Build it from the repository root with ``bash connector/doc/build.sh``.
"""

import os
import sys

DOC_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(DOC_DIR))

# autodoc imports the addons as Odoo does: odoo.addons.<name>. The checkout
# is put on the namespace path of odoo.addons; nothing needs a database.
import odoo.addons

if REPO_ROOT not in odoo.addons.__path__:
    odoo.addons.__path__.append(REPO_ROOT)
sys.path.insert(0, DOC_DIR)

project = "Connector suite for Odoo 19.0"
author = "The connector suite's authors"
copyright = "2026, " + author  # pylint: disable=redefined-builtin
release = "19.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]
exclude_patterns = ["_build", "tutorial", "requirements.txt"]
templates_path = []
html_theme = "alabaster"
html_static_path = []
html_theme_options = {
    "description": "components, events, jobs and connectors for Odoo 19.0",
    "fixed_sidebar": True,
}

# Document what a class or method says itself: an override of Odoo's create()
# must not show Odoo's docstring as if it were ours.
autodoc_inherit_docstrings = False
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "ignore-module-all": True}

# Every cross-reference must resolve (sphinx-build -n). Targets outside this
# manual are Python's standard library and Odoo's own classes, which no
# inventory reachable from CI describes: those, and only those, are ignored.
nitpicky = True
nitpick_ignore_regex = [
    # Odoo itself, queue_job and the libraries; never the suite's own addons
    (
        r"py:(class|exc|obj|func|meth|mod|attr|data)",
        r"odoo(?!\.addons\.(component|component_event|connector)(\.|$))(\..*)?",
    ),
    (
        r"py:(class|exc|obj|func|meth|mod|attr|data)",
        r"(psycopg2|requests|cachetools)(\..*)?",
    ),
    (
        r"py:(class|exc|obj|data)",
        (
            r"(random\.Random|str|int|float|bool|dict|list|tuple|set|bytes|callable|"
            r"object|type|Exception|None|datetime\.datetime|datetime\.timedelta|"
            r"collections\.abc\..*|typing\..*|Iterable|Iterator|Callable|Mapping|Any|"
            r"optional)"
        ),
    ),
]


def _hide_model_signature(app, what, name, obj, options, signature, return_annotation):
    """Odoo models are never instantiated by hand: their constructor's
    ``(env, ids, prefetch_ids)`` signature would only mislead."""
    if _is_model_class(what, obj):
        return "", None
    return None


# added by Odoo to every model: not part of what a class declares
_MAGIC_FIELDS = {
    "id",
    "display_name",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
}


def _is_model_class(what, obj):
    from odoo.models import BaseModel

    return what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel)


def _model_line(model_class):
    inherit = model_class._inherit
    inherit = list(inherit) if isinstance(inherit, list | tuple) else [inherit]
    if not model_class._name:
        return f"Extends the model ``{inherit[0]}``."
    parents = [name for name in inherit if name and name != model_class._name]
    line = f"Model ``{model_class._name}``"
    if parents:
        line += ", inherits " + ", ".join(f"``{name}``" for name in parents)
    return line + "."


def _field_line(attr, field):
    label = field._args__.get("string") or (
        attr.removesuffix("_ids").removesuffix("_id").replace("_", " ").capitalize()
    )
    text = field._args__.get("help") or ""
    return f"- ``{attr}`` ({field.type}): {label}. {text}".rstrip()


def _describe_model(app, what, name, obj, options, lines):
    """Append to an Odoo model class's docstring its model name and the
    fields it declares, which autodoc cannot see (fields have no docstring)."""
    from odoo import fields

    if not _is_model_class(what, obj):
        return
    lines += ["", _model_line(obj)]
    declared = [
        (attr, value)
        for attr, value in vars(obj).items()
        if isinstance(value, fields.Field) and attr not in _MAGIC_FIELDS
    ]
    if declared:
        lines += ["", "Fields:", ""]
        lines += [_field_line(attr, field) for attr, field in declared]
        lines.append("")


def _check_addons_origin(app):
    """Another copy of the addons (OCA's wheels, say) found first on the
    Python path would be documented instead of this checkout's."""
    import importlib

    for addon in ("component", "component_event", "connector"):
        module = importlib.import_module(f"odoo.addons.{addon}")
        if not module.__file__.startswith(REPO_ROOT + os.sep):
            raise RuntimeError(
                f"odoo.addons.{addon} is imported from {module.__file__}, not "
                f"from this checkout ({REPO_ROOT}): remove that copy from the "
                "Python path to build the manual."
            )


def _resolve_imported_name(app, env, node, contnode):
    """Resolve a name a docstring gives as its module sees it.

    ``:class:`InvalidDataError``` in a module doing ``from ..exception import
    InvalidDataError`` names the class where it is defined and documented;
    Sphinx only looks for it in the docstring's own module.
    """
    import importlib

    module_name = node.get("py:module")
    if node.get("refdomain") != "py" or not module_name:
        return None
    try:
        value = importlib.import_module(module_name)
    except ImportError:
        return None
    for part in node["reftarget"].split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    owner = getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", None)
    if not (owner and qualname) or owner == module_name:
        return None
    node["reftarget"] = f"{owner}.{qualname}"
    return env.get_domain("py").resolve_xref(
        env,
        node["refdoc"],
        app.builder,
        node["reftype"],
        node["reftarget"],
        node,
        contnode,
    )


def setup(app):
    app.connect("missing-reference", _resolve_imported_name)
    app.connect("builder-inited", _check_addons_origin)
    app.connect("autodoc-process-signature", _hide_model_signature)
    app.connect("autodoc-process-docstring", _describe_model)
