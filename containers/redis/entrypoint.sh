#!/bin/sh
# redis-server without a config file would refuse other hosts (protected mode); the official image turns it off.
set -eu
if [ "${1:-}" = redis-server ]; then
    shift
    exec redis-server --protected-mode no --bind "* -::*" "$@"
fi
exec "$@"
