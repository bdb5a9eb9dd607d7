"""workspace.yaml and pyproject's [tool.dagster] both load the one Definitions, with the same assets."""
from __future__ import annotations

import importlib
import tomllib

import dagster as dg
import yaml

from tests.conftest import PROJECT_ROOT


def _asset_keys(module_name: str) -> set[str]:
    definitions = importlib.import_module(module_name).defs
    return {key.to_user_string() for key in definitions.resolve_asset_graph().get_all_asset_keys()}


def test_workspace_and_pyproject_load_the_same_assets():
    workspace = yaml.safe_load((PROJECT_ROOT / "workspace.yaml").read_text())
    workspace_module = workspace["load_from"][0]["python_module"]["module_name"]
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    pyproject_module = pyproject["tool"]["dagster"]["module_name"]
    keys = _asset_keys(workspace_module)
    assert keys == _asset_keys(pyproject_module)
    assert {"raw_release", "dim_release", "fact_mention", "fact_participation", "parquet_export"} <= keys


def test_definitions_validate():
    definitions = importlib.import_module("pipelines.definitions").defs
    assert isinstance(definitions, dg.Definitions)
    definitions.resolve_job_def("build_warehouse")
