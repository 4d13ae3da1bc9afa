# The two commands a newcomer needs: `make run` and `make test`.
PY := .venv/bin/python
PORT ?= 8501

.PHONY: run test lint-web format bench bench-quick setup setup-dev

setup:
	@bash scripts/setup.sh

setup-dev:
	@bash scripts/setup.sh --dev

run: setup
	@# Leaflet and the boundary files first, so the first page does not wait for them.
	$(PY) -m geo.assets
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: setup-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	@# The map's JavaScript (static/atlas) and the probes of the browser tests and the
	@# benchmarks (tests/js, benchmarks/js) with ESLint; the app's CSS with stylelint.
	bash scripts/lint_web.sh
	@# One worker per core (at most four), a test file per worker at a time: most of the
	@# suite waits on browsers, servers and PDF builds, and a file's fixtures stay shared.
	$(PY) -m pytest -n auto --maxprocesses 4 --dist loadfile

lint-web:
	bash scripts/lint_web.sh

format: setup-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Benchmarks never run in `make test`: they take minutes and want a quiet machine.
bench: setup-dev
	$(PY) -m benchmarks.run
	@# Uploads: worst-case files and a viewer's page load while one is matched.
	$(PY) -m benchmarks.upload

bench-quick: setup-dev
	$(PY) -m benchmarks.run --quick
