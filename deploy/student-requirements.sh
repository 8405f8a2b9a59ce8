#!/bin/sh
# Print the course environment for students on a hub, from the repository's requirements.txt:
# every pin except the "# Book" and "# Tests" blocks, plus the two test pins a hub's image needs itself
# (jupyterhub, for jupyterhub-singleuser, and nbgitpuller). pytest, Playwright, hypothesis and the
# like stay out; nbgrader was never in requirements.txt. Used by deploy/Dockerfile and tested by
# tests/test_deploy.py.
set -eu
requirements="${1:-requirements.txt}"
sed -e '/^# Book/,/^# Notebooks/{/^# Notebooks/!d;}' \
    -e '/^# Tests/,/^# The course package/{/^# The course package/!d;}' "$requirements" | grep -v -e '^-e ' -e '^#'
grep -E '^(jupyterhub|nbgitpuller)==' "$requirements"
