#!/bin/sh
# deploy/nginx/render.sh TEMPLATE LISTEN UPSTREAM PREFIX > nginx.conf  (compose: 8080 api:8000 /var/lib/nginx)
set -eu
mkdir -p "$4"
sed -e "s#@LISTEN@#$2#g" -e "s#@UPSTREAM@#$3#g" -e "s#@PREFIX@#$4#g" "$1"
