#!/bin/sh
# The local base image for `make container`: Debian bookworm from debootstrap, imported into podman, made once.
# No image registry is reachable here (python:3.11-slim cannot be pulled) while Debian's mirror is, so the base
# is built from Debian packages, with the Python the Dockerfile needs (python3, python3-venv) already in it:
# the image build itself then reaches no network.
#   containers/base.sh [IMAGE]     (default localhost/factcheck-base:bookworm; nothing happens if it exists)
set -eu
IMAGE=${1:-localhost/factcheck-base:bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES=python3,python3-venv,ca-certificates,tzdata

if podman image exists "$IMAGE"; then
    echo "base image $IMAGE exists"
    exit 0
fi
root=$(mktemp -d /var/tmp/factcheck-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "debootstrap --variant=minbase --include=$PACKAGES bookworm -> $IMAGE"
debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -20 "$root.log"; exit 1; }
rm -f "$root.log"
# What a registry's debian image leaves out too: the package lists and caches.
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
tar --numeric-owner -C "$root" -c . | podman import \
    --change 'CMD ["/bin/bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' \
    --message "debootstrap --variant=minbase --include=$PACKAGES bookworm" - "$IMAGE"
podman image ls "$IMAGE"
