"""Dereferenceable IRIs (/id/..., /ontology/...) and the HTML and RDF documents about them."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("resources", __name__)
