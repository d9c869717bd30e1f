#!/usr/bin/env bash
# `npm run setup`: gets a fresh machine ready to run and test adlab, and does nothing that is already done.
#  1. Node >= 20.19 (checked, not installed).
#  2. Jupyter pieces: on Debian/Ubuntu as root, the missing apt packages below (chromium is for the
#     browser test of notebook plots); elsewhere, without any Jupyter, pip --user where PyPI answers.
#  3. npm ci when node_modules is missing or older than package-lock.json.
#  4. The project-local kernel (npm run kernel).
# Plain bash on purpose: it runs before node_modules exists.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

node_ok=$(node -e 'const [a, b] = process.versions.node.split(".").map(Number); console.log(a > 20 || (a === 20 && b >= 19) ? "yes" : "no")' 2>/dev/null || echo missing)
if [ "$node_ok" != "yes" ]; then
  say "adlab needs Node.js >= 20.19 (found: $(node --version 2>/dev/null || echo none)). Install it (e.g. from your OS packages or nvm) and rerun."
  exit 1
fi

debian_packages=(python3-nbclient jupyter-core jupyter-nbconvert jupyter-client jupyter-notebook python3-ipykernel chromium fonts-dejavu-core)
if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages present: ${debian_packages[*]}"
  elif [ "$(id -u)" -eq 0 ]; then
    say "installing ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    say "missing Debian packages: ${missing[*]}"
    say "install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
  fi
fi

if ! command -v jupyter >/dev/null; then
  say "no Jupyter found; trying: python3 -m pip install --user jupyterlab nbclient"
  if ! python3 -m pip install --user --quiet jupyterlab nbclient; then
    say "pip could not install Jupyter. Use one of: pip install jupyterlab (in a venv), conda install -c conda-forge jupyterlab,"
    say "or on Debian/Ubuntu: sudo apt-get install jupyter-notebook python3-nbclient python3-ipykernel. Then rerun npm run setup."
    exit 1
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci
else
  say "node_modules is up to date with package-lock.json"
fi

npm run --silent kernel
