# The two commands everybody runs: `make serve` and `make test`.
# Each creates .venv when it is missing and installs the project into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test system-packages validate stats build bench load vendor earl clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/nukg serve

test: $(STAMP) system-packages
	$(BIN)/nukg validate
	$(BIN)/python -m pytest

# Debian packages the tests need (chromium for the browser tests), when missing.
system-packages:
	bash scripts/system-packages.sh

validate: $(STAMP)
	$(BIN)/nukg validate

stats: $(STAMP)
	$(BIN)/nukg stats

build: $(STAMP)
	$(BIN)/nukg build

# Side by side with Oxigraph's own server (ratios), then the replicas' nginx cache.
bench: $(STAMP)
	bash scripts/system-packages.sh bench
	$(BIN)/python bench/compare.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/nginx.py

load: $(STAMP)
	$(BIN)/python bench/load.py

# The browser bundles the server ships, fetched from npm and checked against
# the SHA256SUMS of their folders under server/nukg/web/static/vendor/:
# YASGUI for the SPARQL page, Swagger UI for the page of the OpenAPI document.
vendor:
	bash scripts/vendor-yasgui.sh
	bash scripts/vendor-swagger-ui.sh

# The EARL report of the SPARQL-protocol tests, kept in releases/earl.ttl (commit it): which W3C
# SPARQL 1.1 Protocol test cases the endpoint passes.  nukg build publishes it and never runs tests.
earl: $(STAMP)
	PYTHONPATH=tests $(BIN)/python -m pytest -q -p no:cacheprovider -p support.earl --earl releases/earl.ttl \
		tests/http/test_protocol.py

clean:
	rm -rf $(VENV) dist .pytest_cache
