#!/usr/bin/env bash
# Makes Herald's development certificates in Certs/dev/ with the openssl command:
#
#   ca.pem / ca-key.pem                 development CA (trust root for server and clients)
#   server.pem / server-key.pem         heraldd: localhost, 127.0.0.1, ::1
#   admin.pem / admin-key.pem           the herald CLI: CN herald-admin,
#                                       URI SAN spiffe://herald.local/admin
#   scheduler.pem / scheduler-key.pem   a mesh service: CN scheduler,
#                                       URI SAN spiffe://mesh.local/ns/ops/sa/scheduler
#   policy.json                         development access policy: the admin certificate is
#                                       admin of every tenant, the scheduler is router and
#                                       viewer of every tenant
#
# Every key is EC P-256, made here and never committed (Certs/dev/ is gitignored).
# Idempotent: files already present are kept; a missing certificate is issued by the existing
# CA. --force remakes everything, CA included (which invalidates every older certificate).
#
# Usage: Certs/make-dev-certs.sh [--force] [--days N]
set -euo pipefail

usage() {
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
}

force=0
days=825
while [ $# -gt 0 ]; do
    case "$1" in
    --force) force=1 ;;
    --days)
        days="${2:?--days needs a number}"
        shift
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "make-dev-certs: unknown argument '$1'" >&2
        usage >&2
        exit 2
        ;;
    esac
    shift
done

command -v openssl >/dev/null 2>&1 || {
    echo "make-dev-certs: the openssl command is missing (Debian: apt-get install openssl)" >&2
    exit 1
}

out="$(cd "$(dirname "$0")" && pwd)/dev"
mkdir -p "$out"
chmod 700 "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
umask 077

# A request configuration without defaults, so the host's openssl.cnf adds no extensions.
printf '[req]\ndistinguished_name = subject\n[subject]\n' >"$work/req.cnf"

made=()

make_ca() {
    openssl req -x509 -new -config "$work/req.cnf" \
        -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$out/ca-key.pem" -out "$out/ca.pem" \
        -subj "/O=Herald Development/CN=Herald Development CA" -days 3650 \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" 2>"$work/log" || {
        cat "$work/log" >&2
        exit 1
    }
    made+=(ca)
}

# issue NAME SUBJECT EXTENDED_KEY_USAGE SUBJECT_ALT_NAMES
issue() {
    local name="$1" subject="$2" usage="$3" sans="$4"
    cat >"$work/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=$usage
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=$sans
EXT
    {
        openssl req -new -config "$work/req.cnf" \
            -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
            -keyout "$out/$name-key.pem" -out "$work/$name.csr" -subj "$subject" &&
            openssl x509 -req -in "$work/$name.csr" \
                -CA "$out/ca.pem" -CAkey "$out/ca-key.pem" \
                -days "$days" -extfile "$work/$name.ext" -out "$out/$name.pem"
    } 2>"$work/log" || {
        cat "$work/log" >&2
        exit 1
    }
    made+=("$name")
}

needs() {
    [ "$force" -eq 1 ] || [ ! -s "$out/$1.pem" ] || [ ! -s "$out/$1-key.pem" ]
}

if needs ca; then
    make_ca
    force=1 # certificates from an older CA would no longer verify
fi
needs server && issue server "/O=Herald Development/CN=localhost" serverAuth \
    "DNS:localhost,IP:127.0.0.1,IP:::1"
needs admin && issue admin "/O=Herald Development/CN=herald-admin" clientAuth \
    "URI:spiffe://herald.local/admin"
needs scheduler && issue scheduler "/O=Herald Development/CN=scheduler" clientAuth \
    "URI:spiffe://mesh.local/ns/ops/sa/scheduler"

chmod 644 "$out"/ca.pem "$out"/server.pem "$out"/admin.pem "$out"/scheduler.pem
openssl verify -CAfile "$out/ca.pem" "$out/server.pem" "$out/admin.pem" "$out/scheduler.pem" >/dev/null

if [ "$force" -eq 1 ] || [ ! -s "$out/policy.json" ]; then
    cat >"$out/policy.json" <<'POLICY'
{
  "grants": [
    { "identity": "spiffe://herald.local/admin", "role": "admin", "tenants": ["*"] },
    { "identity": "spiffe://mesh.local/ns/ops/sa/scheduler", "role": "router", "tenants": ["*"] },
    { "identity": "spiffe://mesh.local/ns/ops/sa/scheduler", "role": "viewer", "tenants": ["*"] }
  ]
}
POLICY
    chmod 644 "$out/policy.json"
    made+=(policy)
fi

if [ ${#made[@]} -eq 0 ]; then
    echo "make-dev-certs: everything already present in $out (use --force to remake)"
else
    echo "make-dev-certs: made ${made[*]} in $out"
fi
for name in ca server admin scheduler; do
    subject="$(openssl x509 -in "$out/$name.pem" -noout -subject -nameopt oneline | sed 's/^subject=//')"
    sans="$(openssl x509 -in "$out/$name.pem" -noout -ext subjectAltName 2>/dev/null | tail -n +2 | sed 's/^ *//')"
    until="$(openssl x509 -in "$out/$name.pem" -noout -enddate | sed 's/^notAfter=//')"
    printf '  %-10s %-13s %s%s (until %s)\n' "$name" "$name.pem" "$subject" "${sans:+; $sans}" "$until"
done
