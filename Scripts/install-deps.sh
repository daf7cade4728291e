#!/usr/bin/env bash
# Installs the Debian packages Herald needs to build, test and regenerate code, skipping those
# already installed. Safe to run again; used by Scripts/test.sh and Scripts/run.sh.
#
#   libssl-dev           OpenSSL's libssl/libcrypto (TLS, hashes, HMAC, random numbers)
#   openssl              the openssl command (development certificates)
#   libprotobuf-c-dev    the protobuf-c runtime linked into Herald
#   protobuf-c-compiler  protoc-c, which turns Protos/ into C and a descriptor set
#   libprotobuf-dev      google/protobuf/descriptor.proto, read by the code generator
#   pkg-config           lets SwiftPM find the two C libraries
set -euo pipefail

packages=(libssl-dev openssl libprotobuf-c-dev protobuf-c-compiler libprotobuf-dev pkg-config)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
