#!/bin/sh
# need-packages.sh — prints the Debian packages the test suite still needs,
# one line, space-separated (nothing when all is there). Used by
# `make test-deps`. Each test tool is asked for by its own package and only
# when its command is missing: on a machine whose Node.js comes from
# NodeSource, `npm` is part of the `nodejs` package, and asking apt for
# Debian's `npm` there conflicts with that nodejs and installs nothing.
# Packages that bring no command of their own (sox's MP3 reader, the FTP
# server library) are looked up with dpkg.
tools="xmllint:libxml2-utils python3:python3 node:nodejs npm:npm ffmpeg:ffmpeg ffprobe:ffmpeg
sox:sox curl:curl nginx:nginx chromium:chromium icecast2:icecast2 pdftoppm:poppler-utils
pdftotext:poppler-utils zbarimg:zbar-tools"
libs="libsox-fmt-mp3 python3-pyftpdlib"
need=
for tp in $tools; do
    t=${tp%%:*} p=${tp#*:}
    command -v "$t" >/dev/null 2>&1 && continue
    case " $need " in *" $p "*) ;; *) need="$need $p" ;; esac
done
for p in $libs; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
echo "${need# }"
