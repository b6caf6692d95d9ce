#!/usr/bin/env python3
"""Derives an OpenAPI 3.0 spec of the whole FunctionGraph v2 API from the official Python SDK.

The spec is the 92-operation input of tests/benches/side_by_side.sh; the result is committed as
tests/benches/specs/functiongraph_full.yaml, so the benchmark needs no Python SDK. To redo it:

    python3 -m venv /tmp/fgvenv
    /tmp/fgvenv/bin/pip install huaweicloudsdkfunctiongraph==3.1.219
    /tmp/fgvenv/bin/python tests/benches/derive_functiongraph_spec.py \
        > tests/benches/specs/functiongraph_full.yaml

Everything is read from the installed SDK, nothing is written by hand per operation:

- operations: every `_<name>_http_info` classmethod of `FunctionGraphClient`. Each is called
  with an instance of its request class whose attributes all hold a marker string, so the
  `http_info` it returns tells the method, the resource path, which attribute goes into the
  path, the query or a header (and under which name), whether there is a body, the request's
  `Content-Type` and the response headers the SDK reads. The operationId is the request class's
  name without `Request`; the summary and description are the client method's docstring.
- `{project_id}`, which the SDK fills from its credentials and not from the request, becomes
  the shared `project_id` parameter with `x-client-field: project_id`, as in spec/.
- types: each model class's `openapi_types` (Python type names: `str`, `int`, `float`,
  `bool`, `object`, `datetime`, `date`, `list[T]`, `dict(str, T)`, or a model class) and
  `attribute_map` (the wire names). A model reached from a request body or a response becomes
  a component schema named like its class. A property or parameter is required when the
  class's `__init__` assigns it unconditionally (the SDK's generator writes
  `if x is not None:` around the optional ones); descriptions are the `:param x:` lines of the
  `__init__` docstring.
- responses: the response class's attributes are the body's properties, except those whose
  wire name is a response header; a response class whose only attribute is `body` has that
  attribute's type as its body (a JSON array for the list operations). The SDK accepts any
  2xx status, so the success response is `2XX`; an error answer is the core SDK's
  `{error_code, error_msg}` (`default`).
- regions: the `FunctionGraphRegion` constants, for the `{region}` server variable.

The SDK's Python types carry no formats, enums or limits, so the spec has none either; it
describes the shapes on the wire, which is what generation and build time depend on.
"""

import ast
import importlib
import inspect
import re
import sys
import textwrap

import yaml

SDK = "huaweicloudsdkfunctiongraph"
SDK_VERSION = "3.1.219"

client_mod = importlib.import_module(f"{SDK}.v2.functiongraph_client")
models = importlib.import_module(f"{SDK}.v2.model")
region_mod = importlib.import_module(f"{SDK}.v2.region.functiongraph_region")
Client = client_mod.FunctionGraphClient

MARK = "\x00{}\x00"


def required_attributes(cls):
    """The attributes `__init__` assigns without an `if x is not None:` around them."""
    source = inspect.getsource(cls.__init__)
    tree = ast.parse(textwrap.dedent(source))
    func = tree.body[0]
    required = set()
    for stmt in func.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                    and not target.attr.startswith("_")
                    and target.attr != "discriminator"
                    and isinstance(stmt.value, ast.Name)
                    and stmt.value.id == target.attr
                ):
                    required.add(target.attr)
    return required


def param_docs(cls):
    """`:param name: text` of the `__init__` docstring, by attribute name."""
    doc = cls.__init__.__doc__ or ""
    docs = {}
    for match in re.finditer(r"^\s*:param (\w+): (.*)$", doc, re.M):
        text = match.group(2).strip()
        if text:
            docs[match.group(1)] = text
    return docs


def method_docs(method):
    """The summary and description of a client method's docstring."""
    doc = inspect.cleandoc(method.__doc__ or "")
    doc = doc.split("Please refer to HUAWEI cloud API Explorer", 1)[0]
    doc = doc.split(":param request:", 1)[0].strip()
    lines = doc.splitlines()
    summary = lines[0].strip() if lines else ""
    description = "\n".join(line.rstrip() for line in lines[1:]).strip()
    return summary, description


class Schemas:
    """The component schemas, filled as model classes are reached."""

    def __init__(self):
        self.components = {}

    def of_type(self, name):
        """The schema of a Python SDK type name."""
        name = name.strip()
        simple = {
            "str": {"type": "string"},
            "int": {"type": "integer"},
            "float": {"type": "number"},
            "bool": {"type": "boolean"},
            "object": {},
            "datetime": {"type": "string", "format": "date-time"},
            "date": {"type": "string", "format": "date"},
        }
        if name in simple:
            return dict(simple[name])
        match = re.fullmatch(r"list\[(.+)\]", name)
        if match:
            return {"type": "array", "items": self.of_type(match.group(1))}
        match = re.fullmatch(r"dict\(\s*str\s*,\s*(.+)\)", name)
        if match:
            values = self.of_type(match.group(1))
            return {"type": "object", "additionalProperties": values if values else True}
        cls = getattr(models, name, None)
        if cls is None:
            raise SystemExit(f"unknown SDK type {name!r}")
        self.model(cls)
        return {"$ref": f"#/components/schemas/{name}"}

    def model(self, cls):
        name = cls.__name__
        if name in self.components:
            return
        self.components[name] = None  # reserved: models may refer to themselves
        self.components[name] = self.object_schema(cls, cls.openapi_types.keys())

    def object_schema(self, cls, attributes):
        required = required_attributes(cls)
        docs = param_docs(cls)
        properties = {}
        for attr in attributes:
            schema = self.of_type(cls.openapi_types[attr])
            if attr in docs:
                schema = with_description(schema, docs[attr])
            properties[cls.attribute_map[attr]] = schema
        schema = {"type": "object"}
        wanted = [cls.attribute_map[a] for a in attributes if a in required]
        if wanted:
            schema["required"] = wanted
        if properties:
            schema["properties"] = properties
        return schema


def with_description(schema, text):
    if "$ref" in schema:
        # A description beside a $ref is ignored by OpenAPI 3.0; allOf with one $ref carries it.
        return {"description": text, "allOf": [schema]}
    return {**schema, "description": text} if schema else {"description": text}


def operations():
    """(python name, client method, http_info classmethod), in the client's order."""
    for name, member in Client.__dict__.items():
        match = re.fullmatch(r"_(\w+)_http_info", name)
        if match and isinstance(member, classmethod):
            yield match.group(1), getattr(Client, match.group(1)), getattr(Client, name)


def responses(schemas, cls, header_names):
    headers = {}
    body_attrs = []
    docs = param_docs(cls)
    wire_headers = {h.lower() for h in header_names}
    for attr, wire in cls.attribute_map.items():
        if wire.lower() in wire_headers:
            header = {"schema": schemas.of_type(cls.openapi_types[attr])}
            if attr in docs:
                header["description"] = docs[attr]
            headers[wire] = header
        else:
            body_attrs.append(attr)
    success = {"description": "Success"}
    if headers:
        success["headers"] = headers
    if body_attrs == ["body"]:
        schema = schemas.of_type(cls.openapi_types["body"])
        success["content"] = {"application/json": {"schema": schema}}
    elif body_attrs:
        schema = schemas.object_schema(cls, body_attrs)
        schema.pop("required", None)  # an answer's fields are all optional in the SDK
        success["content"] = {"application/json": {"schema": schema}}
    return {
        "2XX": success,
        "default": {
            "description": "Error",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}
            },
        },
    }


def main():
    paths, components = derive_all()
    regions = [
        value.id
        for key, value in vars(region_mod.FunctionGraphRegion).items()
        if key.isupper() and not key.startswith("_")
    ]
    spec = {
        "openapi": "3.0.3",
        "info": {
            "title": "FunctionGraph",
            "version": "v2",
            "description": (
                "The whole Huawei Cloud FunctionGraph v2 API, derived mechanically from the "
                f"official Python SDK {SDK}=={SDK_VERSION} by tests/benches/"
                "derive_functiongraph_spec.py (a benchmark input, not a reviewed spec)."
            ),
            "x-rust-crate": {
                "name": "huaweicloud-sdk-functiongraph-full",
                "version": "0.1.0",
                "service": "functiongraph",
            },
        },
        "servers": [
            {
                "url": "https://functiongraph.{region}.myhuaweicloud.com",
                "description": "The FunctionGraph endpoint of a region.",
                "variables": {
                    "region": {
                        "default": regions[0],
                        "description": "The region id.",
                        "enum": regions,
                    }
                },
            }
        ],
        "security": [{"aksk": []}, {"token": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Auth-Token",
                    "description": "An IAM token.",
                },
                "aksk": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "AK/SK request signing (SDK-HMAC-SHA256).",
                },
            },
            "parameters": {
                "ProjectId": {
                    "name": "project_id",
                    "in": "path",
                    "required": True,
                    "description": "The project id of the tenant, 32 letters and digits.",
                    "schema": {"type": "string"},
                    "x-client-field": "project_id",
                }
            },
            "schemas": components,
        },
    }
    sys.stdout.write(
        "# Derived by tests/benches/derive_functiongraph_spec.py from the official Python SDK\n"
        f"# {SDK}=={SDK_VERSION}; do not edit, rerun the script.\n"
    )
    yaml.safe_dump(spec, sys.stdout, sort_keys=False, allow_unicode=True, width=100)


def derive_all():
    """`derive` with each request class found from its http_info's response type."""
    schemas = Schemas()
    paths = {}
    for py_name, method, http_info_of in operations():
        response_type = _response_type(http_info_of)
        request_cls = getattr(models, response_type.removesuffix("Response") + "Request")
        derive_one(schemas, paths, py_name, method, http_info_of, request_cls)
    schemas.components["ErrorResponse"] = {
        "type": "object",
        "description": "The body of an error answer, as the core SDK reads it.",
        "properties": {
            "error_code": {"type": "string", "description": "The error code, e.g. FSS.0404."},
            "error_msg": {"type": "string", "description": "The error message."},
        },
    }
    return paths, schemas.components


def _response_type(http_info_of):
    """The response class an http_info names, read from its first lines."""
    source = inspect.getsource(http_info_of.__func__)
    match = re.search(r'"response_type": "(\w+)"', source)
    if not match:
        raise SystemExit(f"{http_info_of.__name__}: no response type")
    return match.group(1)


def derive_one(schemas, paths, py_name, method, http_info_of, request_cls):
    request = request_cls()
    for attr in request_cls.attribute_map:
        setattr(request, attr, MARK.format(attr))
    info = http_info_of(request)
    op_id = request_cls.__name__.removesuffix("Request")
    response_cls = getattr(models, info["response_type"])
    required = required_attributes(request_cls)
    docs = param_docs(request_cls)

    def attr_of(value):
        match = re.fullmatch("\x00(\\w+)\x00", str(value))
        if not match:
            raise SystemExit(f"{op_id}: a value that is no attribute: {value!r}")
        return match.group(1)

    parameters = []
    used = set()

    def parameter(wire, location, attr):
        used.add(attr)
        param = {"name": wire, "in": location}
        if location == "path" or attr in required:
            param["required"] = True
        if attr in docs:
            param["description"] = docs[attr]
        param["schema"] = schemas.of_type(request_cls.openapi_types[attr])
        parameters.append(param)

    path = info["resource_path"]
    placeholders = re.findall(r"\{(\w+)\}", path)
    for placeholder in placeholders:
        if placeholder in info["path_params"]:
            parameter(placeholder, "path", attr_of(info["path_params"][placeholder]))
        elif placeholder == "project_id":
            parameters.append({"$ref": "#/components/parameters/ProjectId"})
        else:
            raise SystemExit(f"{op_id}: {{{placeholder}}} is filled by nothing")
    extra = set(info["path_params"]) - set(placeholders)
    if extra:
        raise SystemExit(f"{op_id}: path parameters not in the path: {extra}")
    for wire, value in info["query_params"]:
        parameter(wire, "query", attr_of(value))
    for wire, value in info["header_params"].items():
        if wire == "Content-Type" and not str(value).startswith("\x00"):
            continue
        parameter(wire, "header", attr_of(value))
    if info["post_params"]:
        raise SystemExit(f"{op_id}: form parameters are not derived")

    content_type = info["header_params"].get("Content-Type", "application/json")
    operation = {"operationId": op_id}
    summary, description = method_docs(method)
    if summary:
        operation["summary"] = summary
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = parameters
    if info["body"] is not None:
        attr = attr_of(info["body"])
        used.add(attr)
        body = {
            "required": attr in required,
            "content": {
                content_type: {"schema": schemas.of_type(request_cls.openapi_types[attr])}
            },
        }
        if attr in docs:
            body["description"] = docs[attr]
        operation["requestBody"] = body
    unused = set(request_cls.attribute_map) - used
    if unused:
        raise SystemExit(f"{op_id}: request attributes sent nowhere: {unused}")

    operation["responses"] = responses(schemas, response_cls, info["response_headers"])
    method_name = info["method"].lower()
    paths.setdefault(path, {})
    if method_name in paths[path]:
        raise SystemExit(f"{op_id}: {info['method']} {path} twice")
    paths[path][method_name] = operation


if __name__ == "__main__":
    main()
